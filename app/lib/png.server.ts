import fs from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";

/**
 * The committed fonts (assets/fonts, made by scripts/subset-fonts.sh): DejaVu Sans for Latin text
 * and a Noto Sans CJK SC subset for Chinese. resvg silently drops text whose font it cannot find,
 * so they are loaded explicitly and the system's fonts are not (the PNG is the same everywhere).
 */
export function exportFontFiles(root = process.env.VALUEMAP_FONTS_DIR ?? path.resolve(process.cwd(), "assets/fonts")): string[] {
  const files = ["ValuemapSans-Regular.ttf", "ValuemapSans-Bold.ttf", "ValuemapCJK-Regular.otf"].map((f) => path.join(root, f));
  for (const file of files) if (!fs.existsSync(file)) throw new Error(`Missing font ${file}: run scripts/subset-fonts.sh`);
  return files;
}

/** Renders an SVG document to PNG at `scale` times its size (2 by default), with the committed fonts. */
export function svgToPng(svg: string, options: { scale?: number; fontFiles?: string[] } = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    background: "#ffffff",
    font: {
      fontFiles: options.fontFiles ?? exportFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  });
  return resvg.render().asPng();
}
