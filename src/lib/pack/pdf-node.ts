/** Node only: print the pack's HTML to an A4 portrait PDF in headless Debian chromium. */
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH, requireChromium } from '../node/chromium';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

export async function htmlToPdf(html: string, opts: { footerTemplate?: string } = {}): Promise<Uint8Array> {
  const browser = await chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS], headless: true });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: false,
      displayHeaderFooter: !!opts.footerTemplate,
      headerTemplate: '<span></span>',
      footerTemplate: opts.footerTemplate ?? '<span></span>',
      margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' }
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
