// Progressive enhancement of the explain page: drag-and-drop of a file, and answers fetched from the JSON API
// without reloading the page. Without this script the form posts and the server renders the same answer.
// Everything from the input or the API is put in the page with textContent, never as markup.
(function () {
  'use strict';

  const form = document.getElementById('explain-form');
  const answer = document.getElementById('answer');
  const stringsElement = document.getElementById('ui-strings');
  if (!form || !answer || !stringsElement || !window.fetch) return;

  const lang = stringsElement.getAttribute('data-lang') === 'nl' ? 'nl' : 'en';
  let ui = {};
  try { ui = JSON.parse(stringsElement.textContent || '{}'); } catch (e) { ui = {}; }
  const t = (key) => (Object.prototype.hasOwnProperty.call(ui, key) ? ui[key] : key);
  // A side in words; for the mail program's own codes seen from the user (the server gives the diagnosis's own words).
  const sideText = (side, kind) => {
    const key = 'faultSide.' + side;
    const client = key + '.client';
    return (kind === 'windows-client' || kind === 'winsock' || kind === 'access') && Object.prototype.hasOwnProperty.call(ui, client) ? ui[client] : t(key);
  };

  const textArea = document.getElementById('text');
  const fileInput = document.getElementById('file');
  const drop = document.getElementById('drop');
  const dropHint = document.getElementById('drop-hint');

  function el(tag, text, attributes) {
    const node = document.createElement(tag);
    // Bidirectional controls from a stranger's bounce are shown as U+FFFD, as the server-rendered page does (Html.cs).
    if (text !== undefined && text !== null) node.textContent = String(text).replace(/[\u202A-\u202E\u2066-\u2069]/g, '\uFFFD');
    if (attributes) {
      for (const name of Object.keys(attributes)) node.setAttribute(name, attributes[name]);
    }
    return node;
  }

  function permalink(code, provider) {
    const path = provider
      ? '/codes/' + encodeURIComponent(provider) + '/' + encodeURIComponent(code)
      : '/codes/' + encodeURIComponent(code);
    return path + '?lang=' + lang;
  }

  function codeHeading(tag, code, title) {
    const h = el(tag);
    h.appendChild(el('code', code));
    h.appendChild(document.createTextNode(' — ' + (title || '')));
    return h;
  }

  function facts(pairs) {
    const dl = el('dl', null, { class: 'facts' });
    for (const [term, value] of pairs) {
      dl.appendChild(el('dt', term));
      const dd = el('dd');
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
      dl.appendChild(dd);
    }
    return dl;
  }

  function steps(parent, s, tag) {
    if (!s) return;
    for (const [who, key] of [['sender', 'web.steps.sender'], ['admin', 'web.steps.admin']]) {
      const list = Array.isArray(s[who]) ? s[who] : [];
      if (list.length === 0) continue;
      parent.appendChild(el(tag, t(key)));
      const ol = el('ol', null, { class: 'steps ' + who });
      for (const step of list) ol.appendChild(el('li', step));
      parent.appendChild(ol);
    }
  }

  function renderDiagnosis(d) {
    const box = el('div', null, { class: 'diagnosis ' + (d.severity || 'unknown'), id: 'diagnosis' });
    box.appendChild(el('h3', t('web.diagnosis.heading')));
    box.appendChild(el('p', d.summary, { class: 'summary' }));
    const link = el('a', d.code, { href: permalink(d.code) });
    box.appendChild(facts([
      [t('web.diagnosis.side'), d.sideText || t('faultSide.' + d.faultSide)],
      [t('web.diagnosis.severity'), t('severity.' + d.severity) + ' — ' + t(d.retryMayHelp ? 'web.diagnosis.retry-yes' : d.severity === 'unknown' ? 'web.diagnosis.retry-unknown' : 'web.diagnosis.retry-no')],
      [t('web.diagnosis.code'), link],
    ]));
    steps(box, d.steps, 'h4');
    return box;
  }

  function renderFinding(f) {
    const article = el('article', null, { class: 'finding' });
    article.appendChild(codeHeading('h4', f.code, f.title));
    article.appendChild(el('p', f.meaning));
    if (f.known === false) article.appendChild(el('p', t('web.finding.structural'), { class: 'note' }));
    if (f.note) article.appendChild(el('p', f.note, { class: 'note' }));
    if (Array.isArray(f.causes) && f.causes.length > 0) {
      article.appendChild(el('p', t('web.finding.causes'), { class: 'label' }));
      const ul = el('ul');
      for (const c of f.causes) ul.appendChild(el('li', c));
      article.appendChild(ul);
    }
    const pairs = [[t('web.diagnosis.side'), sideText(f.faultSide, f.kind)], [t('web.diagnosis.severity'), t('severity.' + f.severity)]];
    if (f.source) pairs.push([t('web.finding.source'), f.source]);
    article.appendChild(facts(pairs));
    const p = el('p');
    p.appendChild(el('a', t('web.finding.permalink') + ' ' + f.code, { href: permalink(f.code, f.provider) }));
    article.appendChild(p);
    return article;
  }

  function renderRecipients(results) {
    const box = el('div', null, { class: 'recipients' });
    box.appendChild(el('h3', t('web.recipients.heading')));
    const scroll = el('div', null, { class: 'table-scroll', role: 'region', 'aria-label': t('web.recipients.heading'), tabindex: '0' });
    const table = el('table');
    table.appendChild(el('caption', t('web.recipients.caption')));
    const head = el('thead');
    const headRow = el('tr');
    for (const col of ['recipient', 'status', 'reason', 'bounce', 'diagnostic', 'remote']) headRow.appendChild(el('th', t('web.col.' + col), { scope: 'col' }));
    head.appendChild(headRow);
    table.appendChild(head);
    const body = el('tbody');
    for (const r of results) {
      const row = el('tr');
      row.appendChild(el('th', r.recipient, { scope: 'row' }));
      const codes = el('td');
      if (r.status) codes.appendChild(el('a', r.status, { href: permalink(r.status) }));
      if (r.replyCode) {
        if (r.status) codes.appendChild(document.createTextNode(' '));
        codes.appendChild(el('a', r.replyCode, { href: permalink(String(r.replyCode)) }));
      }
      row.appendChild(codes);
      const reasonKey = 'reason.' + r.reason;
      row.appendChild(el('td', Object.prototype.hasOwnProperty.call(ui, reasonKey) ? ui[reasonKey] : r.reason));
      // As the page itself labels it (Pages.cs): a report that is no bounce, else what it means for the address.
      const noBounce = r.reason === 'delivered' || r.reason === 'feedback' || r.reason === 'vacation';
      row.appendChild(el('td', t(noBounce ? 'web.bounce.none' : r.hardBounce ? 'web.bounce.hard' : 'web.bounce.soft')));
      row.appendChild(el('td', r.diagnosticCode || ''));
      row.appendChild(el('td', r.remoteMta || ''));
      body.appendChild(row);
    }
    table.appendChild(body);
    scroll.appendChild(table);
    box.appendChild(scroll);
    return box;
  }

  function show(nodes) {
    answer.replaceChildren();
    const heading = el('h2', t('web.answer.heading'), { id: 'answer-heading', tabindex: '-1' });
    answer.appendChild(heading);
    for (const n of nodes) answer.appendChild(n);
    answer.setAttribute('aria-labelledby', 'answer-heading');
    answer.setAttribute('data-source', 'api');
    heading.focus();
  }

  function showError(message) {
    show([el('p', message, { class: 'error', role: 'alert' })]);
  }

  function render(report, results) {
    const nodes = [];
    const findings = report && Array.isArray(report.findings) ? report.findings : [];
    let diagnosis = report ? report.diagnosis : null;
    if (!diagnosis) {
      const withExplanation = results.find((r) => r.explanation);
      diagnosis = withExplanation ? withExplanation.explanation : null;
    }
    if (diagnosis) nodes.push(renderDiagnosis(diagnosis));
    else if (findings.length === 0 && results.length === 0) {
      const none = el('div', null, { class: 'diagnosis none' });
      none.appendChild(el('h3', t('web.none.heading')));
      none.appendChild(el('p', t('web.none.text')));
      nodes.push(none);
    }
    if (findings.length > 0) {
      const box = el('div', null, { class: 'findings' });
      box.appendChild(el('h3', t('web.findings.heading')));
      for (const f of findings) box.appendChild(renderFinding(f));
      nodes.push(box);
    }
    if (results.length > 0) nodes.push(renderRecipients(results));
    show(nodes);
  }

  class ProblemError extends Error {}

  async function call(path, body, contentType) {
    const headers = contentType ? { 'Content-Type': contentType } : {};
    const response = await fetch(path + '?lang=' + lang, { method: 'POST', body: body, headers: headers, credentials: 'same-origin' });
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok) {
      if (type.indexOf('application/problem+json') === 0) {
        const problem = await response.json();
        throw new ProblemError(problem.detail || problem.title || String(response.status));
      }
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  }

  function looksLikeMessage(text) {
    const end = text.search(/\r?\n\r?\n/);
    if (end <= 0) return false;
    const head = text.slice(0, Math.min(end, 4096));
    return /^from:/im.test(head) && /^(subject|content-type):/im.test(head);
  }

  async function answerFromApi() {
    const file = fileInput && fileInput.files && fileInput.files.length > 0 ? fileInput.files[0] : null;
    const text = textArea ? textArea.value : '';
    if (!file && text.trim() === '') { showError(t('web.error.empty')); return; }
    if (file) {
      const upload = new FormData();
      upload.append('file', file, file.name);
      const [results, report] = await Promise.all([
        call('/api/parse', upload, null),
        file.text().then((content) => call('/api/explain', JSON.stringify({ text: content }), 'application/json')),
      ]);
      render(report, Array.isArray(results) ? results : []);
      return;
    }
    const report = await call('/api/explain', JSON.stringify({ text: text }), 'application/json');
    let results = [];
    if (looksLikeMessage(text)) {
      try { results = await call('/api/parse', text, 'text/plain'); } catch (e) { results = []; }
    }
    render(report, Array.isArray(results) ? results : []);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    answer.setAttribute('aria-busy', 'true');
    answerFromApi()
      .catch((error) => {
        if (error instanceof ProblemError) showError(error.message);
        else form.submit();
      })
      .finally(() => answer.removeAttribute('aria-busy'));
  });

  if (drop && fileInput) {
    const hintText = dropHint ? dropHint.textContent : '';
    const showChosen = () => {
      if (!dropHint) return;
      const f = fileInput.files && fileInput.files.length > 0 ? fileInput.files[0] : null;
      dropHint.textContent = f ? t('web.form.dropped') + ' ' + f.name : hintText;
    };
    fileInput.addEventListener('change', showChosen);
    drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('dragover'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('dragover'));
    drop.addEventListener('drop', (event) => {
      event.preventDefault();
      drop.classList.remove('dragover');
      if (event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files.length > 0) {
        fileInput.files = event.dataTransfer.files;
        showChosen();
      }
    });
  }
})();
