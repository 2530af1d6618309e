import type { MetaDescriptor } from "@remix-run/node";

/** The polite 404 of a dead share link (unknown or revoked), each language under its own `lang`. */
export function ShareNotFound({ messages }: { messages: Array<{ locale: string; title: string; text: string }> }) {
  return (
    <section className="panel" data-testid="share-not-found">
      {messages.map((m) => (
        <div key={m.locale} lang={m.locale}>
          <h1>{m.title}</h1>
          <p>{m.text}</p>
        </div>
      ))}
    </section>
  );
}

/** A shared page's head: the study's title, kept out of search engines and referrers. */
export function sharedPageMeta(studyTitle: string | undefined): MetaDescriptor[] {
  return [
    { title: studyTitle ? `${studyTitle} · Valuemap` : "Valuemap" },
    { name: "robots", content: "noindex, nofollow" },
    { name: "referrer", content: "no-referrer" },
  ];
}
