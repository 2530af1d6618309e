import type { QualityInput } from "./data-quality";

/** The keys under which a response can duplicate another: its device cookie (`d:`) and its invitation (`i:`). */
export function duplicateKeys(row: Pick<QualityInput, "deviceId" | "invitationId">): string[] {
  const keys: string[] = [];
  if (row.deviceId) keys.push(`d:${row.deviceId}`);
  if (row.invitationId !== null && row.invitationId !== undefined) keys.push(`i:${row.invitationId}`);
  return keys;
}
