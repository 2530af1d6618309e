import QRCode from "qrcode";

/** A QR code of a link as SVG text. */
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}

/** The side of the PNG QR codes, in pixels. */
export const QR_PNG_SIZE = 600;

/** A QR code of a link as a PNG of QR_PNG_SIZE pixels square. */
export async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 4, width: QR_PNG_SIZE });
}
