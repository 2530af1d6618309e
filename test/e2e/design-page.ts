import type { Locator, Page } from "playwright-core";

/**
 * Drives the design page the way a researcher does (rows added in the browser, one submit per
 * form) and counts the submits: every POST the page sends is one.
 */
export class DesignPage {
  submits = 0;
  fields = 0;

  constructor(readonly page: Page) {
    page.on("request", (r) => {
      if (r.method() === "POST" && !new URL(r.url()).pathname.startsWith("/s/")) this.submits++;
    });
  }

  /** Waits until the page runs in the browser (row editors work without a round trip). */
  async ready(): Promise<void> {
    await this.page.locator('.design-page[data-hydrated="yes"]').waitFor();
  }

  async fill(target: Locator, value: string): Promise<void> {
    await target.fill(value);
    this.fields++;
  }

  /** Clicks a submit button and waits for the answer and the page's reload of its data. */
  async submit(button: Locator): Promise<void> {
    await Promise.all([this.page.waitForResponse((r) => r.request().method() === "POST"), button.click()]);
    await this.page.waitForLoadState("networkidle");
  }

  async createStudy(title: string): Promise<string> {
    await this.fill(this.page.locator('[name="title"]'), title);
    await Promise.all([this.page.waitForURL(/\/studies\/\d+$/), this.page.locator("#new-study button[type=submit]").click()]);
    await this.ready();
    return new URL(this.page.url()).pathname;
  }

  async details(fields: { titleZh?: string; market?: string }): Promise<void> {
    const form = this.page.locator("#details");
    if (fields.titleZh) await this.fill(form.locator('[name="titleZh"]'), fields.titleZh);
    if (fields.market) await this.fill(form.locator('[name="market"]'), fields.market);
    await this.submit(form.locator("button[type=submit]"));
  }

  /** Adds offers in one submit; `own` is the index of the own offer. */
  async addOffers(names: Array<{ name: string; nameZh?: string }>, own: number | null): Promise<void> {
    const form = this.page.locator("#add-offers");
    for (let i = 1; i < names.length; i++) await form.locator("button[name=__intent__]", { hasText: /Add a row|添加一行/ }).click();
    for (const [i, o] of names.entries()) {
      await this.fill(form.locator(`[name="rows[${i}].name"]`), o.name);
      if (o.nameZh) await this.fill(form.locator(`[name="rows[${i}].nameZh"]`), o.nameZh);
    }
    if (own !== null) await form.locator(`input[name=own][value="${own}"]`).check();
    await this.submit(form.locator("button[type=submit]:not([name])"));
  }

  /** Adds attributes of both kinds in one submit. */
  async addAttributes(rows: Array<{ kind: "quality" | "price"; name: string; nameZh?: string }>): Promise<void> {
    const form = this.page.locator("#add-attributes");
    for (let i = 1; i < rows.length; i++) await form.locator("button[name=__intent__]", { hasText: /Add a row|添加一行/ }).click();
    for (const [i, a] of rows.entries()) {
      await form.locator(`[name="rows[${i}].kind"]`).selectOption(a.kind);
      this.fields++;
      await this.fill(form.locator(`[name="rows[${i}].name"]`), a.name);
      if (a.nameZh) await this.fill(form.locator(`[name="rows[${i}].nameZh"]`), a.nameZh);
    }
    await this.submit(form.locator("button[type=submit]:not([name])"));
  }

  /** Adds a choice question (choices in English and Chinese) in one submit, "ask first" ticked when asked. */
  async addChoiceQuestion(text: string, textZh: string, choices: Array<[string, string]>, options: { askFirst?: boolean } = {}): Promise<void> {
    const form = this.page.locator("#add-question");
    if (options.askFirst) {
      await form.getByLabel(/Ask first|优先提问/).check();
      this.fields++;
    }
    await this.fill(form.locator('[name="text"]'), text);
    await this.fill(form.locator('[name="textZh"]'), textZh);
    for (let i = 2; i < choices.length; i++) await form.locator("button[name=__intent__]", { hasText: /Add a choice|添加选项/ }).click();
    for (const [i, [label, labelZh]] of choices.entries()) {
      await this.fill(form.locator(`[name="choices[${i}].label"]`), label);
      await this.fill(form.locator(`[name="choices[${i}].labelZh"]`), labelZh);
    }
    await this.submit(form.locator("button[type=submit]:not([name])"));
  }

  /** Chooses how the rating pages are laid out, in one submit. */
  async ratingLayout(label: RegExp): Promise<void> {
    const form = this.page.locator("#ratingLayout");
    await form.getByLabel(label).check();
    this.fields++;
    await this.submit(form.locator("button[type=submit]"));
  }

  /** Sets quota targets (by choice position) of a question, in one submit. */
  async saveQuotas(questionCode: string, targets: Record<number, number>): Promise<void> {
    const form = this.page.locator(`#quotas-${questionCode}`);
    for (const [i, target] of Object.entries(targets)) await this.fill(form.locator(`[name="targets[${i}].target"]`), String(target));
    await this.submit(form.locator("button[type=submit]"));
  }

  /** Publishes a stage: at once for version 1, through the confirmation for a later version. */
  async publish(stage: "focusGroup" | "rating"): Promise<void> {
    const box = this.page.getByTestId(`publish-${stage}`);
    const summary = box.locator("summary");
    if ((await summary.count()) > 0) {
      await summary.click();
      await this.submit(box.locator(".confirm-body button[type=submit]"));
    } else {
      await this.submit(box.locator("button[type=submit]"));
    }
  }
}
