// Renders one SVG to PNG with resvg, in a process of its own: app/lib/exports/png.server.ts runs this
// file for every PNG so that a panic inside resvg's native code (it aborts the whole process)
// ends this child, never the server. Input on stdin: JSON { svg, scale, fontFiles }; output on
// stdout: the PNG bytes. Exit code 2 and a message on stderr when the SVG cannot be drawn.
import { Resvg } from "@resvg/resvg-js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
try {
  const { svg, scale, fontFiles } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  process.stdout.write(resvg.render().asPng());
} catch (error) {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
