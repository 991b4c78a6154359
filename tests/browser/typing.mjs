// Types into the search page key by key, in Devanagari and in Roman letters, at desktop
// and phone width, with Debian's Chromium; prints what it saw as JSON for tests/browser.rs
// and saves screenshots.
//
//   node tests/browser/typing.mjs BASE_URL ARTIFACT_DIR
import { chromium } from "playwright-core";

const [base, artifacts] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const seen = {};
const hits = (page) => page.$$eval("li.hit", (els) => els.map((e) => e.dataset.id));
const suggestions = (page) => page.$$eval("#suggestions li", (els) => els.map((e) => e.firstChild.textContent));
async function settle(page) {
  await page.waitForTimeout(700);
}
try {
  for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 412, 915]]) {
    const page = await browser.newPage({ viewport: { width, height } });
    const s = (seen[name] = {});
    await page.goto(base + "/");
    s.examples = await page.$$eval(".examples a", (els) => els.length);
    await page.screenshot({ path: `${artifacts}/home-${name}.png`, fullPage: true });
    // Devanagari, key by key, the last word unfinished
    await page.click("input[name=q]");
    await page.keyboard.type("लावरोव उत्त", { delay: 60 });
    await settle(page);
    s.devanagari = { hits: await hits(page), suggestions: await suggestions(page), url: page.url() };
    await page.screenshot({ path: `${artifacts}/typing-devanagari-${name}.png`, fullPage: true });
    // Roman letters, key by key
    await page.fill("input[name=q]", "");
    await page.keyboard.type("lavr", { delay: 60 });
    await settle(page);
    s.roman = { hits: await hits(page), suggestions: await suggestions(page), url: page.url() };
    await page.screenshot({ path: `${artifacts}/typing-roman-${name}.png`, fullPage: true });
    // a suggestion chosen with the keyboard is searched
    await page.keyboard.press("ArrowDown");
    const chosen = await page.$eval("#suggestions li[aria-selected=true]", (e) => e.firstChild.textContent).catch(() => null);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    s.chosen = { suggestion: chosen, url: page.url(), hits: await hits(page), value: await page.inputValue("input[name=q]") };
    // Escape closes the list
    await page.click("input[name=q]");
    await page.keyboard.type(" k", { delay: 60 });
    await settle(page);
    await page.keyboard.press("Escape");
    s.escapeHides = await page.$eval("#suggestions", (e) => e.hidden);
    // the back button returns to the search before
    await page.goBack();
    await page.waitForLoadState();
    s.back = { url: page.url() };
    // a typo, and "did you mean"
    await page.goto(base + "/?q=" + encodeURIComponent("सरकर"));
    s.typo = { hits: await hits(page), didYouMean: await page.$eval(".didyoumean a", (e) => e.textContent).catch(() => null) };
    await page.screenshot({ path: `${artifacts}/didyoumean-${name}.png` });
    // nothing found: help in Hindi
    await page.goto(base + "/?q=" + encodeURIComponent("क्वर्टीज़ब्लक"));
    s.nothing = await page.$eval(".help", (e) => e.textContent).catch(() => "");
    await page.screenshot({ path: `${artifacts}/nothing-${name}.png`, fullPage: true });
    // an article's page
    await page.goto(base + "/?q=" + encodeURIComponent("लावरोव"));
    const first = await page.$("li.hit h2 a[href^='/articles/']");
    s.articleHref = first ? await first.getAttribute("href") : null;
    if (s.articleHref && s.articleHref.startsWith("/articles/")) {
      await Promise.all([page.waitForNavigation(), first.click()]);
      s.article = { title: await page.$eval("article.full h2", (e) => e.textContent), sections: await page.$$eval("section.more h3", (els) => els.map((e) => e.textContent)) };
      await page.screenshot({ path: `${artifacts}/article-${name}.png`, fullPage: true });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));
