/** SVG → PNG in Node through resvg (no browser needed, so `qme` exports headless). */
import { Resvg } from '@resvg/resvg-js';
import { labelFontFamily } from './lineage-style';

export interface PngImage {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** `svg` is drawn at scale 1; `scale` zooms it (2 = sharp on a slide). */
export function rasterizeSvg(svg: string, scale: number): PngImage {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: labelFontFamily.split(',')[0] as string },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
