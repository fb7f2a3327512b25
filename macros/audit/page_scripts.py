"""JavaScript that collects the facts Podium's own checks judge (see beyond.py).

Each script is a function body that returns plain JSON data (no judging happens in the page);
the runner runs them after axe in the same round trip to the browser (``axe.view_script``).
"""

from __future__ import annotations

# Shared by every script: a short CSS path, a short HTML snippet, visibility, accessible names.

HELPERS_JS = r"""
const cssPath = (el) => {
  const parts = [];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    if (node.id && document.querySelectorAll('#' + CSS.escape(node.id)).length === 1) {
      parts.unshift('#' + CSS.escape(node.id)); break;
    }
    let part = node.localName;
    const classes = [...node.classList].filter((c) => !/^(js-|is-)/.test(c)).slice(0, 2);
    part += classes.map((c) => '.' + CSS.escape(c)).join('');
    const parent = node.parentElement;
    if (parent) {
      const same = [...parent.children].filter((c) => c.localName === node.localName);
      if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
    }
    parts.unshift(part);
    if (node.localName === 'body' || parts.length >= 6) break;
  }
  return parts.join(' > ');
};
const snippet = (el) => {
  const html = el.outerHTML || '';
  if (html.length <= 140) return html.replace(/\s+/g, ' ');
  const open = html.slice(0, html.indexOf('>') + 1).slice(0, 110);
  const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 30);
  return (open + text + '…').replace(/\s+/g, ' ');
};
const hiddenFromAll = (el) => !!el.closest('[aria-hidden="true"], [hidden], template');
const rendered = (el) => !hiddenFromAll(el) &&
  (el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : true);
const textOf = (ids) => (ids || '').split(/\s+/).map((id) => document.getElementById(id))
  .filter(Boolean).map((e) => e.textContent).join(' ').replace(/\s+/g, ' ').trim();
const svgName = (svg) => {
  const label = (svg.getAttribute('aria-label') || '').trim() || textOf(svg.getAttribute('aria-labelledby'));
  if (label) return label;
  const title = [...svg.children].find((c) => c.localName === 'title');
  return title ? title.textContent.replace(/\s+/g, ' ').trim() : '';
};
const nameFromContent = (el) => {
  let out = '';
  for (const child of el.childNodes) {
    if (child.nodeType === 3) { out += child.data; continue; }
    if (child.nodeType !== 1 || child.getAttribute('aria-hidden') === 'true') continue;
    if (child.checkVisibility && !child.checkVisibility({visibilityProperty: true})) continue;
    if (child.localName === 'img') out += ' ' + (child.getAttribute('alt') || '') + ' ';
    else if (child.localName === 'svg') out += ' ' + svgName(child) + ' ';
    else out += ' ' + nameFromContent(child) + ' ';
  }
  return out;
};
const accessibleName = (el) => {
  const labelled = textOf(el.getAttribute('aria-labelledby'));
  if (labelled) return labelled;
  const label = (el.getAttribute('aria-label') || '').trim();
  if (label) return label;
  const content = nameFromContent(el).replace(/\s+/g, ' ').trim();
  return content || (el.getAttribute('title') || '').trim();
};
"""

PAGE_FACTS_JS = HELPERS_JS + r"""
const BLOCKS = 'p,li,dd,dt,td,th,caption,figcaption,blockquote,h1,h2,h3,h4,h5,h6,summary,label,legend';
const NOT_PROSE = 'code,pre,kbd,samp,script,style,svg,math,textarea,noscript,template';
const passages = [];
for (const block of document.body.querySelectorAll(BLOCKS)) {
  if (!rendered(block) || block.closest(NOT_PROSE)) continue;
  const langHost = block.closest('[lang]');
  let text = '';
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && text.length < 2000; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest(NOT_PROSE) || parent.closest(BLOCKS) !== block) continue;
    if (parent.closest('[lang]') !== langHost || hiddenFromAll(parent)) continue;
    text += node.data;
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (text.split(' ').length < 8) continue;
  passages.push({selector: cssPath(block), snippet: snippet(block), text,
                 lang: langHost ? langHost.getAttribute('lang') : ''});
}
const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]')]
  .filter(rendered)
  .map((h) => ({
    level: h.getAttribute('role') === 'heading'
      ? parseInt(h.getAttribute('aria-level') || '2', 10) : parseInt(h.localName[1], 10),
    text: h.textContent.replace(/\s+/g, ' ').trim().slice(0, 80),
    selector: cssPath(h), snippet: snippet(h),
  }));
const links = [...document.querySelectorAll('a[href], area[href]')]
  .filter((a) => rendered(a) || a.localName === 'area')
  .map((a) => ({
    name: accessibleName(a).slice(0, 120),
    href: a.origin === location.origin ? a.pathname + a.search + a.hash : a.href,
    inHeading: !!a.closest('h1,h2,h3,h4,h5,h6,[role=heading]'),
    selector: cssPath(a), snippet: snippet(a),
  }));
const images = [...document.querySelectorAll('img, input[type=image], area[href], svg[role=img]')]
  .filter((el) => !el.closest('figure svg[role=img]') || el.localName !== 'svg')
  .filter((el) => !hiddenFromAll(el))
  .map((el) => {
    const role = (el.getAttribute('role') || '').trim();
    const labelled = (el.getAttribute('aria-label') || '').trim() || textOf(el.getAttribute('aria-labelledby'));
    let name = null;
    if (el.localName === 'svg') name = svgName(el) || null;
    else if (labelled) name = labelled;
    else if (el.hasAttribute('alt')) name = el.getAttribute('alt');
    return {
      kind: el.localName === 'input' ? 'input type=image' : el.localName,
      name, decorative: role === 'presentation' || role === 'none' || name === '',
      selector: cssPath(el), snippet: snippet(el),
    };
  });
const tableAfter = (figure) => {
  const inside = figure.querySelector('table');
  if (inside) return inside;
  const next = figure.nextElementSibling;
  if (!next) return null;
  return next.localName === 'table' ? next : next.querySelector('table');
};
const charts = [...document.querySelectorAll('figure')]
  .filter((f) => f.querySelector('svg[role=img]'))
  .map((figure) => {
    const svg = figure.querySelector('svg[role=img]');
    const table = tableAfter(figure);
    return {
      selector: cssPath(figure), snippet: snippet(figure), name: svgName(svg),
      declared: svg.getAttribute('data-values') || figure.getAttribute('data-values'),
      table: table ? [...table.querySelectorAll('td, th')].map((c) => c.textContent.trim()) : null,
    };
  });
const LOADERS = [
  ['img', 'src'], ['img', 'srcset'], ['source', 'src'], ['source', 'srcset'], ['script', 'src'],
  ['iframe', 'src'], ['frame', 'src'], ['video', 'src'], ['video', 'poster'], ['audio', 'src'],
  ['track', 'src'], ['embed', 'src'], ['object', 'data'], ['input[type=image]', 'src'],
  ['image', 'href'], ['use', 'href'],
  ['link[rel~=stylesheet], link[rel~=icon], link[rel~=preload], link[rel~=prefetch], ' +
   'link[rel~=preconnect], link[rel~=dns-prefetch], link[rel~=modulepreload], ' +
   'link[rel~=manifest], link[rel~=apple-touch-icon]', 'href'],
];
const referenced = [];
for (const [selector, attribute] of LOADERS) {
  for (const el of document.querySelectorAll(selector)) {
    const value = el.getAttribute(attribute);
    if (!value) continue;
    const candidates = attribute === 'srcset'
      ? value.split(',').map((part) => part.trim().split(/\s+/)[0]) : [value];
    for (const candidate of candidates) {
      try {
        referenced.push({url: new URL(candidate, document.baseURI).href,
                         selector: cssPath(el), snippet: snippet(el)});
      } catch (e) { /* not a URL */ }
    }
  }
}
return {htmlLang: document.documentElement.getAttribute('lang'),
        passages, headings, links, images, charts, referenced};
"""

REFLOW_JS = HELPERS_JS + r"""
window.scrollTo(0, 0);
const root = document.documentElement;
const width = root.clientWidth;
const result = {scrollWidth: root.scrollWidth, clientWidth: width, culprits: []};
if (root.scrollWidth <= width) return result;
const sticksOut = (el) => el.getBoundingClientRect().right > width + 1;
const clippedAbove = (el) => {
  for (let a = el.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  }
  return false;
};
for (const el of document.body.querySelectorAll('*')) {
  if (result.culprits.length >= 3) break;
  if (!sticksOut(el) || clippedAbove(el)) continue;
  const parent = el.parentElement;
  if (parent && parent !== document.body && sticksOut(parent)) continue;
  result.culprits.push({selector: cssPath(el), snippet: snippet(el),
                        right: Math.round(el.getBoundingClientRect().right)});
}
return result;
"""
