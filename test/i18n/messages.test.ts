import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { formatMessage, translator } from "../../app/i18n/index";
import { AREAS, messagesFor, translate } from "../../app/i18n/messages.server";
import { zhCN } from "../../app/i18n/zh-CN";

describe("formatMessage", () => {
  it("chooses the plural form by Intl.PluralRules and puts the number in place of #", () => {
    const text = "{n, plural, one {# complete response} other {# complete responses}}";
    expect(formatMessage("en", text, { n: 1 })).toBe("1 complete response");
    expect(formatMessage("en", text, { n: 0 })).toBe("0 complete responses");
    expect(formatMessage("en", text, { n: 58 })).toBe("58 complete responses");
    expect(formatMessage("zh-CN", "{n, plural, other {# 份完整答卷}}", { n: 1 })).toBe("1 份完整答卷");
  });

  it("fills plain placeholders beside plurals, and an exact =n form wins", () => {
    expect(formatMessage("en", "{n} of {complete, plural, one {# response} other {# responses}} analysed", { n: 1, complete: 1 })).toBe("1 of 1 response analysed");
    expect(formatMessage("en", "{n, plural, =0 {none} one {one} other {#}}", { n: 0 })).toBe("none");
    expect(formatMessage("en", "hello {name}", { name: "Ann" })).toBe("hello Ann");
  });

  it("says '1 complete response' in the app's own messages (no '1 complete responses')", () => {
    expect(translate("en", "report.respondents", { n: 1 })).toBe("1 complete response");
    expect(translate("en", "report.analysed", { n: 1, complete: 1 })).toBe("1 of 1 complete response analysed");
    expect(translate("en", "studies.responses", { n: 2 })).toBe("2 complete responses");
  });

  it("shows a key the page was not sent as the key itself", () => {
    expect(translator("en", {})("report.title")).toBe("report.title");
  });
});

describe("messages per area and language", () => {
  it("sends the respondent page only respondent messages, in one language", () => {
    const messages = messagesFor("zh-CN", ["respondent"]);
    const keys = Object.keys(messages);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith("respondent."))).toBe(true);
    for (const key of keys) expect(messages[key as keyof typeof messages]).toBe(zhCN[key as keyof typeof zhCN]);
  });

  it("covers every key by at least one area, and each area has the same keys in both languages", () => {
    const prefixes = Object.values(AREAS).flat();
    expect(Object.keys(en).filter((key) => !prefixes.some((p) => key.startsWith(p)))).toEqual([]);
    for (const area of Object.keys(AREAS) as Array<keyof typeof AREAS>) {
      expect(Object.keys(messagesFor("zh-CN", [area])).sort(), area).toEqual(Object.keys(messagesFor("en", [area])).sort());
    }
  });
});
