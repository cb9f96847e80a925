// The analyst dashboard: plain DOM code over the service's own JSON API. Every server string reaches
// the page through textContent, never as HTML.

const $ = (selector) => document.querySelector(selector);

/** A problem+json answer (or any failed request) as an error with what the service said. */
class Problem extends Error {
    constructor(status, body) {
        super(typeof body === 'object' && body ? (body.detail || body.title) : String(body || status));
        this.status = status;
        this.body = typeof body === 'object' && body ? body : {};
    }
}

// ---------------------------------------------------------------- the API key

/** The key lives in this tab's session storage only: gone when the tab closes, never in a cookie. */
const KEY_STORAGE = 'segments.apiKey';
const ROLES = ['READER', 'ANALYST', 'ADMIN'];
/** The key in use: its name and role ({name, role, securityEnabled}), once the service has confirmed it. */
let currentKey = null;

/** Whether the key in use has the role (each role includes the ones before it). */
const may = (role) => currentKey !== null && ROLES.indexOf(currentKey.role) >= ROLES.indexOf(role);

function withKey(headers = {}) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    return key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
}

/** Fetches with the key; a 401 means the key is no longer good (revoked, expired): ask for another. */
async function authorizedFetch(path, options = {}) {
    const response = await fetch(path, { ...options, headers: withKey(options.headers) });
    if (response.status === 401 && currentKey !== null) {
        askForKey('The service no longer accepts this key (it may have been revoked or have expired).');
    }
    return response;
}

/** A response's body: parsed when it is JSON (a problem, too), else its text. */
async function bodyOf(response) {
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
}

async function api(path, options = {}) {
    return (await answer(path, options)).body;
}

/** The parsed body of a request and the response it came in (for its headers); a problem is thrown. */
async function answer(path, options = {}) {
    const response = await authorizedFetch(path, { ...options, headers: { Accept: 'application/json', ...options.headers } });
    const body = await bodyOf(response);
    if (!response.ok) {
        throw new Problem(response.status, body);
    }
    return { body, response };
}

/** A resource that needs the key (a chart, a CSV) as a blob: URL the page can show or save. */
async function blobUrl(path) {
    const response = await authorizedFetch(path);
    if (!response.ok) {
        throw new Problem(response.status, await bodyOf(response));
    }
    return { url: URL.createObjectURL(await response.blob()), response };
}

/**
 * A link to a download that needs the key: a click fetches it with the key and saves it under the name the
 * service gives (Content-Disposition); a refusal (e.g. exports busy) is shown, not saved.
 */
function downloadLink(href, text, attributes = {}) {
    return el('a', {
        href, ...attributes, onclick: async (event) => {
            event.preventDefault();
            try {
                const { url, response } = await blobUrl(href);
                const disposition = response.headers.get('Content-Disposition') || '';
                const named = /filename="?([^";]+)"?/.exec(disposition);
                const save = el('a', { href: url, download: named ? named[1] : 'download' });
                document.body.append(save);
                save.click();
                save.remove();
                setTimeout(() => URL.revokeObjectURL(url), 60000);
            } catch (error) {
                say(`Download failed: ${error.message}`);
            }
        },
    }, text);
}

/**
 * POSTs a form with XMLHttpRequest, which (unlike fetch) reports the bytes sent: the bar shows them, then that the
 * service is checking and storing the file.
 */
function upload(path, form, bar, label) {
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open('POST', path);
        request.setRequestHeader('Accept', 'application/json');
        for (const [name, value] of Object.entries(withKey())) {
            request.setRequestHeader(name, value);
        }
        request.upload.onprogress = (event) => {
            if (event.lengthComputable) {
                bar.max = event.total;
                bar.value = event.loaded;
                label.textContent = `Sending the file: ${percent.format(event.loaded / event.total)} of `
                    + `${fmt(event.total / 1048576)} MB`;
            }
        };
        request.upload.onload = () => {
            bar.removeAttribute('value');
            label.textContent = 'Sent; the service is checking and storing the rows…';
        };
        request.onload = () => {
            const type = request.getResponseHeader('Content-Type') || '';
            let body = request.responseText;
            try {
                body = type.includes('json') ? JSON.parse(request.responseText) : request.responseText;
            } catch (unreadable) {
                // Not JSON after all: the text itself says what happened.
            }
            if (request.status >= 200 && request.status < 300 && typeof body === 'object') {
                resolve(body);
            } else {
                reject(new Problem(request.status, body));
            }
        };
        request.onerror = () => reject(new Problem(0, 'The upload could not reach the service.'));
        request.onabort = () => reject(new Problem(0, 'The upload was stopped.'));
        request.ontimeout = () => reject(new Problem(0, 'The upload took too long.'));
        request.send(form);
    });
}

function postJson(path, value) {
    return api(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: value === undefined ? undefined : JSON.stringify(value),
    });
}

/** Creates an element; strings and numbers among the children become text nodes. */
function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            node.addEventListener(name.slice(2), value);
        } else if (name === 'class') {
            node.className = value;
        } else {
            node.setAttribute(name, value === true ? '' : value);
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) {
            node.append(child instanceof Node ? child : String(child));
        }
    }
    return node;
}

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const fmt = (value) => (value === null || value === undefined || Number.isNaN(value) ? '–' : number.format(value));
const amount = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const money = (value) => (value === null || value === undefined ? '–' : amount.format(value));
const when = (instant) => (instant ? new Date(instant).toLocaleString() : '–');

function say(message) {
    $('#status').textContent = message;
}

/** What went wrong, as the problem response said it: title, detail, and any per-line errors. */
function problemView(error) {
    const body = error.body || {};
    const box = el('div', { class: 'problem', role: 'alert' },
        el('strong', {}, body.title || 'Request failed', body.status ? ` (${body.status})` : ''),
        el('p', {}, body.detail || error.message));
    if (Array.isArray(body.errors) && body.errors.length) {
        box.append(table(['Line', 'Column', 'Problem'], body.errors.slice(0, 50).map((e) =>
            [e.line ?? '', e.column ?? e.field ?? e.parameter ?? '', e.message ?? e.detail ?? JSON.stringify(e)]),
            'Errors in the request'));
    }
    return box;
}

function table(headings, rows, caption) {
    return el('div', { class: 'scroll' }, el('table', {},
        caption ? el('caption', {}, caption) : null,
        el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell, i) =>
            i === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell)))))));
}

/**
 * A chart that fits its column; a click opens it full size, where its small print can be read. Charts need the key,
 * which an img cannot send: each is fetched with it and shown from a blob: URL.
 */
function chart(src, alt) {
    const figure = el('figure', { class: 'chart' });
    const image = el('img', { alt, width: 900, height: 560 });
    const link = el('a', { href: src, target: '_blank', rel: 'noopener', title: 'Open the chart full size' }, image);
    const unavailable = (why) => link.replaceWith(el('p', { class: 'hint' }, `Chart unavailable: ${alt}${why}`));
    blobUrl(src).then(({ url }) => {
        image.src = url;
        link.href = url;
    }, (error) => unavailable(` (${error.message})`));
    image.addEventListener('error', () => unavailable(''));
    figure.append(link, el('figcaption', { class: 'hint' }, 'Click to open full size'));
    return figure;
}

// ---------------------------------------------------------------- navigation

const sections = ['datasets', 'runs', 'segments'];

/** The sections the key's role can use: a READER (a marketing app's key) sees the live segments only. */
const allowedSections = () => sections.filter((name) => name === 'segments' || may('ANALYST'));

function route() {
    if (currentKey === null) {
        return;
    }
    const allowed = allowedSections();
    const [section, argument] = (location.hash.slice(1) || allowed[0]).split('/');
    const current = allowed.includes(section) ? section : allowed[0];
    for (const name of sections) {
        $(`#${name}`).hidden = name !== current;
        const link = document.querySelector(`nav a[data-section="${name}"]`);
        link.parentElement.hidden = !allowed.includes(name);
        if (name === current) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
    const show = { datasets: showDatasets, runs: showRuns, segments: showSegments }[current];
    show(argument).catch((error) => say(`Could not load ${current}: ${error.message}`));
}

window.addEventListener('hashchange', () => {
    route();
    $('#main').focus();
});

// ---------------------------------------------------------------- datasets

let datasets = [];

async function loadDatasets() {
    datasets = (await api('/api/datasets?size=100')).content;
    return datasets;
}

async function showDatasets(argument) {
    await loadDatasets();
    const rows = datasets.map((d) => el('tr', {},
        el('th', { scope: 'row' }, d.id), el('td', {}, d.name), el('td', {}, fmt(d.rowCount)),
        el('td', {}, fmt(d.rejectedCount)), el('td', {}, d.columnCount), el('td', {}, when(d.createdAt)),
        el('td', {}, el('a', { href: `#datasets/${d.id}` }, 'Open'), ' ',
            el('a', { href: `#runs/new-${d.id}` }, 'Segment'))));
    $('#dataset-table tbody').replaceChildren(...rows);
    if (!datasets.length) {
        $('#dataset-table tbody').append(el('tr', {}, el('td', { colspan: 7 }, 'No datasets yet: upload one above.')));
    }
    if (argument) {
        await openDataset(Number(argument));
    } else {
        $('#dataset-detail').replaceChildren();
    }
}

async function openDataset(id) {
    const dataset = await api(`/api/datasets/${id}`);
    if (dataset.kind === 'TRANSACTIONS') {
        $('#dataset-detail').replaceChildren(el('div', { class: 'panel' },
            el('h3', {}, `Dataset #${dataset.id}: ${dataset.name} (order lines)`), transactionsView(dataset)));
        return;
    }
    const summary = await api(`/api/datasets/${id}/summary`);
    const numeric = summary.numeric.map((c) => [c.name, fmt(c.count), fmt(c.missing), fmt(c.mean), fmt(c.std),
        fmt(c.min), fmt(c.median), fmt(c.max), fmt(c.outliers)]);
    const categorical = summary.categorical.map((c) => [c.name, fmt(c.count), fmt(c.missing), fmt(c.distinct)]);
    $('#dataset-detail').replaceChildren(el('div', { class: 'panel' },
        el('h3', {}, `Dataset #${dataset.id}: ${dataset.name}`),
        el('p', {}, `${fmt(dataset.rowCount)} customers from ${dataset.sourceFilename || 'an upload'}, `
            + `${fmt(dataset.rejectedCount)} rows rejected. `,
            el('a', { href: `#runs/new-${dataset.id}` }, 'Segment this dataset')),
        dataset.derivation ? null : versionPanel(dataset),
        table(['Numeric column', 'Values', 'Missing', 'Mean', 'Std', 'Min', 'Median', 'Max', 'IQR outliers'], numeric,
            'Numeric columns'),
        categorical.length ? table(['Categorical column', 'Values', 'Missing', 'Distinct'], categorical,
            'Categorical columns') : null,
        dataset.derivation ? lifetimeValuePanel(dataset) : null,
        el('div', { class: 'charts' }, summary.numeric.map((c) => chart(
            `/api/datasets/${id}/charts/histogram?column=${encodeURIComponent(c.key)}`,
            `Histogram of ${c.name}`)))));
}

/**
 * Which version of its table a customer dataset is, and a form for the next one (same columns): once stored, the
 * new version opens, with a way to score it with the live model.
 */
function versionPanel(dataset) {
    const result = el('div', { id: 'version-result', 'aria-live': 'polite' });
    const file = el('input', { type: 'file', id: 'version-file', accept: '.csv,.tsv,.txt,text/csv', required: true });
    const force = el('input', { type: 'checkbox', id: 'version-force' });
    return el('div', { id: 'versions' },
        el('p', {}, dataset.version > 1
            ? `Version ${dataset.version} of the table first uploaded as `
            : 'Version 1 of its table. ',
            dataset.version > 1 ? el('a', { href: `#datasets/${dataset.lineageId}` }, `dataset #${dataset.lineageId}`) : null,
            dataset.version > 1 ? '; its versions share the live segments, their changes and webhooks.' : null),
        el('form', {
            id: 'version-form', onsubmit: async (event) => {
                event.preventDefault();
                const form = new FormData();
                form.append('file', file.files[0]);
                const bar = el('progress', { 'aria-label': 'Upload progress' });
                result.replaceChildren(bar);
                try {
                    const stored = await upload(`/api/datasets/${dataset.id}/versions${force.checked ? '?force=true' : ''}`,
                        form, bar, el('span'));
                    say(`Version ${stored.version} stored as dataset #${stored.id}.`);
                    location.hash = `#datasets/${stored.id}`;
                } catch (error) {
                    result.replaceChildren(problemView(error));
                    say('The version was refused.');
                }
            },
        }, el('label', { for: 'version-file' }, 'Next version of this table (the same columns)'), file,
        el('label', { class: 'check' }, force, ' Store it even if the same file was uploaded before'),
        el('button', { type: 'submit' }, 'Upload the next version')),
        dataset.version > 1 ? scorePanel(dataset) : null,
        result);
}

/** Scores a later version with the table's live model, and opens the scoring run (its drift report). */
function scorePanel(dataset) {
    return el('p', {}, el('button', {
        type: 'button', id: 'score-version', onclick: async () => {
            try {
                const live = await api(`/api/segments?dataset=${dataset.lineageId}`);
                const run = await postJson(`/api/segmentations/${live.segmentationId}/score`, { datasetId: dataset.id });
                say(`Scoring run #${run.id} started with the model of run #${live.segmentationId}.`);
                location.hash = `#runs/${run.id}`;
            } catch (error) {
                $('#version-result').replaceChildren(problemView(error));
            }
        },
    }, 'Score with the live model (no retraining)'));
}

/** For customers derived from order lines: where they came from, and their lifetime value (fitted on request). */
function lifetimeValuePanel(dataset) {
    const result = el('div', { id: 'lifetime-value', 'aria-live': 'polite' });
    const show = (fit) => {
        const b = fit.bgnbd;
        const g = fit.gammaGamma;
        result.replaceChildren(
            el('p', { class: 'ok' }, `${fmt(fit.customers)} customers (${fmt(fit.repeatCustomers)} bought again) `
                + `to ${fit.calibrationEnd}: mean P(alive) ${percent.format(fit.meanProbabilityAlive)}, `
                + `${fmt(fit.totalExpectedPurchases)} purchases expected and a lifetime value of ${money(fit.totalClv)} `
                + `over ${fmt(fit.horizon)} ${fit.timeUnit.toLowerCase()}.`),
            table(['Model', 'Parameters', 'Log-likelihood'], [
                ['BG/NBD (purchases)', `r ${fmt(b.r)}, α ${fmt(b.alpha)}, a ${fmt(b.a)}, b ${fmt(b.b)}`, fmt(b.logLikelihood)],
                ['Gamma-Gamma (spend)', `p ${fmt(g.p)}, q ${fmt(g.q)}, v ${fmt(g.v)}`, fmt(g.logLikelihood)],
            ], 'Lifetime-value models'),
            el('p', { class: 'hint' }, 'Each customer now has the columns p_alive, expected_purchases, '
                + 'expected_avg_value and clv: see the numeric columns above, cluster on them, or read them in segment '
                + 'profiles.'));
    };
    api(`/api/datasets/${dataset.id}/lifetime-value`).then(show).catch(() => {});
    return el('div', { class: 'panel' },
        el('h4', {}, 'Customer lifetime value'),
        el('p', {}, `Derived from the order lines of dataset #${dataset.sourceDatasetId ?? '(deleted)'} as of `
            + `${dataset.derivation.asOf}; purchase history to ${dataset.derivation.calibrationEnd}.`),
        el('button', {
            type: 'button', id: 'fit-lifetime-value', onclick: async () => {
                say('Fitting lifetime value…');
                try {
                    show(await postJson(`/api/datasets/${dataset.id}/lifetime-value`, {}));
                    say('Lifetime value fitted.');
                    await openDataset(dataset.id);
                } catch (error) {
                    result.replaceChildren(problemView(error));
                    say('Lifetime value could not be fitted.');
                }
            },
        }, 'Fit lifetime value (BG/NBD + Gamma-Gamma)'),
        result);
}

/** What cleaning did to an upload of order lines, with a way on to the customers derived from them. */
function transactionsView(dataset) {
    const t = dataset.quality.transactions;
    const rule = (label, count, kept) => [label, fmt(count.count), count.exampleLines.join(', ') || '–', kept];
    return el('div', { class: 'transactions-report' },
        el('p', { class: 'ok' }, `${fmt(t.lines)} order lines read, ${fmt(t.keptLines)} kept: `
            + `${fmt(t.customers)} customers, ${fmt(t.orders)} orders from ${when(t.firstPurchase)} to `
            + `${when(t.lastPurchase)}. Sales ${money(t.sales)}, returns ${money(t.returned)}, net ${money(t.net)}.`),
        table(['Cleaning rule', 'Lines', 'First lines', 'What happened'], [
            rule('No customer id', t.withoutCustomer, 'left out'),
            rule('Cancellation or return', t.returns, 'kept, as negative value'),
            rule('Price zero or negative', t.zeroOrNegativePrice, 'left out'),
            rule('Exact duplicate line', t.duplicates, 'left out'),
            rule('Postage, fees, adjustments', t.nonProduct, 'kept in spend, not a product'),
        ], 'What cleaning did'),
        el('p', { class: 'hint' }, 'Columns used: ', Object.entries(t.columns).map(([field, column]) =>
            `${field} = ${column}`).join(', '), `; dates read as ${t.dateFormat}`,
            t.idsNormalised ? '; a trailing “.0” was removed from the customer ids.' : '.'),
        dataset.derivedDatasetId ? el('p', {},
            el('a', { href: `#datasets/${dataset.derivedDatasetId}`, id: 'open-derived' },
                `Its ${fmt(t.customers - t.customersWithoutPurchases)} customers: dataset #${dataset.derivedDatasetId}`),
            ' · ', el('a', { href: `#runs/new-${dataset.derivedDatasetId}` }, 'Segment them')) : null);
}

function qualityView(dataset) {
    const quality = dataset.quality;
    if (quality.transactions) {
        return el('div', { class: 'panel', id: 'upload-report', 'data-dataset-id': dataset.id },
            el('h3', {}, `Stored as dataset #${dataset.id}: ${dataset.name}`), transactionsView(dataset),
            ...(quality.warnings || []).map((warning) => el('p', { class: 'warning' }, warning)),
            quality.errors.length ? table(['Line', 'Column', 'Why it was rejected'],
                quality.errors.map((e) => [e.line, e.column ?? '', e.message]),
                quality.errorsTruncated ? 'Rejected lines (the first ones)' : 'Rejected lines') : null);
    }
    const box = el('div', { class: 'panel', id: 'upload-report', 'data-dataset-id': dataset.id },
        el('h3', {}, `Stored as dataset #${dataset.id}: ${dataset.name}`),
        el('p', { class: 'ok' }, `${fmt(quality.acceptedRows)} rows accepted, ${fmt(quality.rejectedRows)} rejected`
            + ` (${percent.format(quality.rejectedShare)}), ${fmt(quality.blankRowsSkipped)} blank rows skipped;`
            + ` read as ${quality.encoding}, delimiter “${quality.delimiter}”.`),
        el('p', {}, el('a', { href: `#runs/new-${dataset.id}`, id: 'segment-uploaded' }, 'Segment this dataset'),
            ' · ', el('a', { href: `#datasets/${dataset.id}` }, 'Summary and histograms')));
    for (const warning of quality.warnings || []) {
        box.append(el('p', { class: 'warning' }, warning));
    }
    if ((quality.valueWarnings || []).length) {
        box.append(table(['Column', 'Values that look wrong', 'How many', 'First lines'],
            quality.valueWarnings.map((w) => [w.column, w.message, fmt(w.count), w.lines.join(', ')]),
            'Values stored but worth a look'));
    }
    box.append(table(['Column', 'Role', 'Missing', 'Distinct', 'Min', 'Max', 'IQR outliers'],
        quality.columns.map((c) => [c.name, c.role, fmt(c.missing), fmt(c.distinct), c.min ?? '–', c.max ?? '–',
            fmt(c.outliers)]), 'Quality report by column'));
    if (quality.errors.length) {
        box.append(table(['Line', 'Column', 'Why it was rejected'],
            quality.errors.map((e) => [e.line, e.column ?? '', e.message]),
            quality.errorsTruncated ? 'Rejected rows (the first ones)' : 'Rejected rows'));
    }
    return box;
}

$('#upload-kind').addEventListener('change', () => {
    const lines = $('#upload-kind').value === 'TRANSACTIONS';
    $('#upload-date-format').disabled = !lines;
    $('#upload-id-column').disabled = lines;
});

$('#upload-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData();
    form.append('file', $('#upload-file').files[0]);
    const query = new URLSearchParams();
    const kind = $('#upload-kind').value;
    query.set('kind', kind);
    const fields = kind === 'TRANSACTIONS' ? [['name', '#upload-name'], ['dateFormat', '#upload-date-format']]
        : [['name', '#upload-name'], ['idColumn', '#upload-id-column']];
    for (const [name, input] of fields) {
        if ($(input).value.trim()) {
            query.set(name, $(input).value.trim());
        }
    }
    if ($('#upload-force').checked) {
        query.set('force', 'true');
    }
    say('Uploading…');
    const result = $('#upload-result');
    const bar = el('progress', { id: 'upload-progress', 'aria-labelledby': 'upload-progress-label' });
    const label = el('span', { id: 'upload-progress-label' }, 'Sending the file…');
    result.replaceChildren(el('p', { class: 'progress' }, label, bar));
    try {
        const dataset = await upload(`/api/datasets?${query}`, form, bar, label);
        result.replaceChildren(qualityView(dataset));
        say(`Dataset #${dataset.id} stored.`);
        await showDatasets();
    } catch (error) {
        const view = problemView(error);
        if (error.body.existingDatasetId) {
            view.append(el('p', {}, el('a', { href: `#datasets/${error.body.existingDatasetId}` },
                `Open dataset #${error.body.existingDatasetId}`)));
        }
        result.replaceChildren(view);
        say('The upload was refused.');
    }
});

// ---------------------------------------------------------------- runs

let polling = null;

async function showRuns(argument) {
    await loadDatasets();
    const select = $('#run-dataset');
    const chosen = argument && argument.startsWith('new-') ? argument.slice(4) : select.value;
    select.replaceChildren(el('option', { value: '' }, 'Choose a dataset'),
        ...datasets.map((d) => el('option', { value: d.id }, `#${d.id} ${d.name} (${fmt(d.rowCount)} rows)`)));
    select.value = chosen || '';
    await showFeatures();
    await listRuns();
    if (argument && !argument.startsWith('new-')) {
        await openRun(Number(argument));
    }
}

async function showFeatures() {
    const fieldset = $('#run-features');
    const id = $('#run-dataset').value;
    const legend = el('legend', {}, 'Features to cluster on');
    if (!id) {
        fieldset.replaceChildren(legend, el('p', { class: 'hint' }, 'Choose a dataset first.'));
        return;
    }
    const dataset = await api(`/api/datasets/${id}`);
    const usable = dataset.columns.filter((c) => c.role === 'NUMERIC' || c.role === 'CATEGORICAL');
    // Preselected: the numeric columns that describe behaviour or means, not identities, codes, ages or constants.
    const likely = usable.filter((c) => c.role === 'NUMERIC' && c.distinct > 1
        && !/(^|_)(id|code|zip|phone|age|year|birth|z|complain)(_|$)/.test(c.key)).slice(0, 4).map((c) => c.name);
    fieldset.replaceChildren(legend, ...usable.map((c) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'feature', value: c.name, checked: likely.includes(c.name) }),
        ` ${c.name}`, c.role === 'CATEGORICAL' ? el('span', { class: 'hint' }, ' (categories)') : '')));
    if (!usable.length) {
        fieldset.append(el('p', { class: 'hint' }, 'This dataset has no numeric or categorical columns to cluster on.'));
    }
}

$('#run-dataset').addEventListener('change', () => showFeatures().catch((error) => say(error.message)));

/** A dataset by its name where it is known (the list holds the newest 100), else by its number. */
function datasetName(id) {
    const dataset = datasets.find((d) => d.id === id);
    return dataset ? `${dataset.name} (#${id})` : `#${id}`;
}

async function listRuns() {
    const runs = (await api('/api/segmentations?size=20')).content;
    $('#run-table tbody').replaceChildren(...runs.map((r) => el('tr', {},
        el('th', { scope: 'row' }, r.id), el('td', {}, datasetName(r.datasetId)), el('td', {}, r.status),
        el('td', {}, r.k ?? '–'),
        el('td', {}, (r.params?.features || []).join(', ')), el('td', {}, when(r.createdAt)),
        el('td', {}, el('a', { href: `#runs/${r.id}` }, 'Open')))));
}

$('#run-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const features = [...document.querySelectorAll('#run-features input:checked')].map((input) => input.value);
    const integer = (selector) => ($(selector).value === '' ? undefined : Number($(selector).value));
    const method = $('#run-method').value;
    document.querySelectorAll('#run-form .field-error').forEach((node) => node.remove());
    // "Name = formula" per line; a formula may itself contain "=" (a comparison), so only the first one splits.
    const derived = $('#run-derived').value.split('\n').map((line) => line.trim()).filter((line) => line)
        .map((line) => {
            const at = line.indexOf('=');
            return at < 0 ? { name: line, expression: '' }
                : { name: line.slice(0, at).trim(), expression: line.slice(at + 1).trim() };
        });
    const request = method === 'RFM'
        ? { datasetId: integer('#run-dataset'), method: 'RFM', seed: integer('#run-seed') }
        : {
            datasetId: integer('#run-dataset'), method, features: [...features, ...derived.map((d) => d.name)],
            selection: method === 'GAUSSIAN_MIXTURE' ? undefined : $('#run-selection').value,
            scaling: $('#run-scaling').value, missing: $('#run-missing').value, outliers: $('#run-outliers').value,
            restarts: integer('#run-restarts'), seed: integer('#run-seed'),
            derived: derived.length ? derived : undefined, engine: $('#run-engine').value,
        };
    if (request.method === 'RFM') {
        // The grid decides the segments: no k.
    } else if (integer('#run-k') !== undefined) {
        request.k = integer('#run-k');
    } else {
        request.kMin = integer('#run-kmin');
        request.kMax = integer('#run-kmax');
    }
    try {
        const run = await postJson('/api/segmentations', request);
        say(`Run #${run.id} queued.`);
        location.hash = `#runs/${run.id}`;
    } catch (error) {
        $('#run-detail').replaceChildren(problemView(error));
        showFieldErrors(error);
        say('The run was refused.');
    }
});

/** Each error of a refused run request beside the field it is about, as well as in the problem above. */
function showFieldErrors(error) {
    const fields = { features: '#run-features', k: '#run-k', kMin: '#run-kmin', kMax: '#run-kmax',
        selection: '#run-selection', derived: '#run-derived', logTransform: '#run-features', weights: '#run-features',
        engine: '#run-engine' };
    document.querySelectorAll('#run-form .field-error').forEach((node) => node.remove());
    for (const problem of (error.body && error.body.errors) || []) {
        // A field of an element of a list ("derived[0].expression", "weights[Age]") is shown beside its list.
        const field = problem.field && problem.field.replace(/[[.].*$/, '');
        const target = fields[field] && $(fields[field]);
        if (target) {
            (target.closest('label') || target).after(el('p', { class: 'field-error', role: 'alert' }, problem.message));
            // An option in the closed Options box must be seen to be fixed.
            const options = target.closest('details');
            if (options) {
                options.open = true;
            }
        }
    }
    if (error.body && error.body.expression !== undefined) {
        $('#run-derived').closest('label').after(el('p', { class: 'field-error', role: 'alert' }, error.body.detail));
    }
}

async function openRun(id) {
    clearTimeout(polling);
    const run = await api(`/api/segmentations/${id}`);
    renderRun(run);
    if (run.status === 'QUEUED' || run.status === 'RUNNING') {
        polling = setTimeout(() => {
            if (location.hash === `#runs/${id}`) {
                openRun(id).catch((error) => say(error.message));
            }
        }, 500);
    } else {
        say(`Run #${id} ${run.status.toLowerCase()}.`);
        await listRuns();
    }
}

function renderRun(run) {
    const panel = el('div', { class: 'panel', id: 'run-panel', 'data-run-id': run.id },
        el('h3', {}, `Run #${run.id} on ${datasetName(run.datasetId)}`),
        el('p', {}, 'Status: ', el('strong', { id: 'run-status' }, run.status),
            run.rowsUsed !== null && run.rowsUsed !== undefined ? ` · ${fmt(run.rowsUsed)} customers clustered` : ''),
        el('p', { class: 'progress' }, el('span', { id: 'run-progress-label' }, `Progress ${percent.format(run.progress)}`),
            el('progress', { max: 1, value: run.progress, 'aria-labelledby': 'run-progress-label' },
                percent.format(run.progress))),
        run.phase ? el('p', { id: 'run-phase' }, phaseText(run)) : null);
    if (run.error) {
        panel.append(el('p', { class: 'problem' }, run.error));
    }
    if (run.status === 'QUEUED' || run.status === 'RUNNING') {
        panel.append(el('button', {
            type: 'button', onclick: async () => {
                await api(`/api/segmentations/${run.id}`, { method: 'DELETE' });
                say(`Run #${run.id} cancelled.`);
            },
        }, 'Cancel run'));
    }
    if (run.status === 'SUCCEEDED' && run.scoredFrom) {
        panel.append(
            el('p', {}, 'Scored with the model of ', el('a', { href: `#runs/${run.scoredFrom}` }, `run #${run.scoredFrom}`),
                ': its segments, names and recommendations, without retraining.'),
            driftView(run.drift),
            publishActions(run),
            el('div', { class: 'charts' },
                chart(`/api/segmentations/${run.id}/charts/profile`, `Segment profiles of run ${run.id}`)));
    } else if (run.status === 'SUCCEEDED' && !run.selection) {
        panel.append(
            el('p', {}, 'RFM: every customer scored 1–5 on recency, frequency and monetary value by quintiles, '
                + 'and placed in the segment of its recency × frequency cell.'),
            publishActions(run),
            el('div', { class: 'charts' },
                chart(`/api/segmentations/${run.id}/charts/rfm-grid`, `RFM grid of run ${run.id}`),
                chart(`/api/segmentations/${run.id}/charts/profile`, `Segment profiles of run ${run.id}`)));
    } else if (run.status === 'SUCCEEDED') {
        const s = run.selection;
        const mixture = s.criterion === 'BIC';
        panel.append(
            el('p', { class: 'summary', id: 'run-summary' }, run.summary ?? ''),
            ...(run.warnings || []).map((warning) => el('p', { class: 'warning' }, warning)),
            el('p', {}, `${s.reason}`),
            el('details', {}, el('summary', {}, 'How the number of segments was chosen'),
                el('p', {}, 'Separation (silhouette) runs from -1 to 1: above 0.5 customers sit '
                    + 'clearly in their own segment, below 0.25 the segments are cuts through a continuum. Stability '
                    + 'is how alike the segments come out when the run is repeated from other random starts (1: '
                    + `identical)${s.stability !== null && s.stability !== undefined ? `: ${fmt(s.stability)}` : ''}.`),
                table([el('abbr', { title: 'k: the number of segments' }, 'Segments'),
                    el('abbr', { title: 'inertia: the within-segment sum of squares' }, 'Spread within'),
                    el('abbr', { title: 'mean silhouette, -1 to 1' }, 'Separation'),
                    el('abbr', { title: 'Calinski-Harabasz index: higher is better' }, 'Between vs within'),
                    el('abbr', { title: 'Davies-Bouldin index: lower is better' }, 'Overlap'),
                    ...(mixture ? [el('abbr', { title: 'Bayesian information criterion: lower is better' }, 'Fit (BIC)')] : [])],
                    s.perK.map((m) => [m.k === s.chosenK ? `${m.k} (chosen)` : m.k, fmt(m.inertia),
                        el('span', { title: `silhouette ${fmt(m.silhouette)}` }, separationWords(m.silhouette)),
                        fmt(m.calinskiHarabasz), fmt(m.daviesBouldin), ...(mixture ? [fmt(m.bic)] : [])]),
                    mixture ? `k chosen by the lowest BIC; fitted on ${fmt(s.mixtureFitRows)} customers`
                        : `k selection: elbow at k = ${s.elbowK ?? 'none'}, best silhouette at k = ${s.silhouetteK}`)),
            publishActions(run),
            // Fetched with the key like the audience CSV: a plain link would be sent without it (401).
            el('p', {}, downloadLink(`/api/segmentations/${run.id}/assignments.csv`,
                'Download every customer\'s segment (CSV)', { class: 'button assignments-csv' })),
            el('div', { class: 'charts' },
                chart(`/api/segmentations/${run.id}/charts/elbow`, `Elbow chart of run ${run.id}: inertia and silhouette by k`),
                chart(`/api/segmentations/${run.id}/charts/silhouette`, `Silhouette diagram of run ${run.id}`),
                chart(`/api/segmentations/${run.id}/charts/profile`, `Segment profiles of run ${run.id}`)));
    }
    $('#run-detail').replaceChildren(panel);
}

/** How far a scoring run's customers moved from those its model was trained on. */
function driftView(drift) {
    const change = (points) => `${points > 0 ? '+' : ''}${fmt(points)} points`;
    return el('div', { id: 'drift' },
        el('p', { class: drift.driftDetected ? 'warning' : 'ok' }, drift.driftDetected
            ? 'The customers have drifted from those the model was trained on: consider a new run.'
            : `No drift: the ${fmt(drift.scoredRows)} customers look like the ${fmt(drift.trainingRows)} the model was `
                + 'trained on.'),
        ...drift.reasons.map((reason) => el('p', { class: 'warning' }, reason)),
        table(['Feature', el('abbr', { title: 'population stability index: under 0.1 stable, 0.2 and above a '
            + 'significant shift' }, 'Stability index'), 'Drifted'],
        drift.features.map((f) => [f.feature, fmt(f.psi), f.drifted ? 'yes' : 'no']), 'Features against the training data'),
        table(['Segment', 'Share in training', 'Share now', 'Change'],
            drift.segments.map((s) => [s.name, percent.format(s.trainingShare), percent.format(s.share),
                change(s.changePoints)]), 'Segment shares'),
        el('p', { class: 'hint' }, `Mean distance to the segment centres ${fmt(drift.meanDistance)} against `
            + `${fmt(drift.trainingMeanDistance)} in training; ${fmt(drift.outOfRange)} customers outside the range `
            + 'the model saw.'));
}

/** What a run is doing, for how long it has, and about how long it has left. */
function phaseText(run) {
    const phase = run.phase.charAt(0).toUpperCase() + run.phase.slice(1);
    if (!run.startedAt) {
        return `${phase}.`;
    }
    const elapsed = Math.max(0, (Date.now() - new Date(run.startedAt).getTime()) / 1000);
    return `${phase} · ${duration(elapsed)} so far`
        + (run.secondsLeft !== null && run.secondsLeft !== undefined ? `, about ${duration(run.secondsLeft)} left.` : '.');
}

function duration(seconds) {
    return seconds < 60 ? `${Math.round(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** A silhouette in words, as the run summary says it; the number is on hover. */
function separationWords(silhouette) {
    return silhouette >= 0.7 ? 'strong' : silhouette >= 0.5 ? 'clear' : silhouette >= 0.25 ? 'weak' : 'hardly there';
}

function publishActions(run) {
    return el('div', { class: 'actions' },
        run.publishedAt
            ? el('p', {}, `Published ${when(run.publishedAt)}. `,
                el('a', { href: `#segments/${run.datasetId}` }, 'See the live segments'))
            : el('button', { type: 'button', id: 'publish', onclick: () => publish(run) }, 'Publish these segments'));
}

async function publish(run) {
    try {
        await postJson(`/api/segmentations/${run.id}/publish`);
        say(`Run #${run.id} published: its segments are live.`);
        location.hash = `#segments/${run.datasetId}`;
    } catch (error) {
        $('#run-detail').append(problemView(error));
    }
}

// ---------------------------------------------------------------- segments

async function showSegments(argument) {
    if (may('ANALYST')) {
        await loadDatasets();
    } else {
        // A READER may not list datasets; the live segments name theirs.
        datasets = [];
    }
    const select = $('#segments-dataset');
    select.replaceChildren(el('option', { value: '' }, 'Most recently published'),
        ...datasets.map((d) => el('option', { value: d.id }, `#${d.id} ${d.name}`)));
    select.value = argument || '';
    const cards = $('#segment-cards');
    let live;
    try {
        live = await api(argument ? `/api/segments?dataset=${argument}` : '/api/segments');
    } catch (error) {
        cards.replaceChildren(problemView(error));
        $('#scatter').replaceChildren();
        $('#segments-source').textContent = '';
        return;
    }
    $('#segments-source').textContent = `From run #${live.segmentationId} of ${datasetName(live.datasetId)}, `
        + `published ${when(live.publishedAt)}.`;
    cards.replaceChildren(...live.segments.map((segment) => segmentCard(segment, live.datasetId)));
    cards.dataset.datasetId = live.datasetId;
    const scatter = `/api/segmentations/${live.segmentationId}/charts/scatter`;
    // An object, not an img, so the points' tooltips work; fetched with the key and shown from a blob: URL.
    blobUrl(scatter).then(({ url }) => $('#scatter').replaceChildren(el('object', {
        id: 'scatter-chart', type: 'image/svg+xml', data: url, width: 900, height: 560,
        'aria-label': 'Scatter chart of the customers coloured by segment',
    }, el('a', { href: url }, 'Open the scatter chart')))).catch((error) => $('#scatter').replaceChildren(
        el('p', { class: 'hint' }, `Scatter chart unavailable: ${error.message}`)));
    showHistory(live.datasetId);
    $('#webhooks-panel').hidden = !may('ADMIN');
    if (may('ADMIN')) {
        showWebhooks(live.datasetId);
    }
    say(`${live.segments.length} live segments.`);
}

/** The dataset's publishes, newest first, and the chart of each segment's size over them. */
async function showHistory(datasetId) {
    try {
        const history = await api(`/api/segments/history?dataset=${datasetId}&limit=20`);
        $('#history-table').replaceChildren(table(['Published', 'Run', 'Customers who entered or left', 'Customers',
            'Segments (size)'], history.publishes.slice().reverse().map((p) => [when(p.publishedAt), `#${p.segmentationId}`,
            p.changes === null ? 'not recorded' : fmt(p.changes), fmt(p.customers),
            p.segments.map((s) => `${s.name} (${fmt(s.size)})`).join(', ')]), 'Latest publishes'));
    } catch (error) {
        $('#history-table').replaceChildren(problemView(error));
        return;
    }
    blobUrl(`/api/segments/history/chart?dataset=${datasetId}`).then(({ url }) => $('#history-chart').replaceChildren(
        el('object', { id: 'history-chart-svg', type: 'image/svg+xml', data: url, width: 900, height: 480,
            'aria-label': 'Line chart of each segment\'s size at every publish' },
        el('a', { href: url }, 'Open the history chart')))).catch((error) => $('#history-chart').replaceChildren(
        el('p', { class: 'hint' }, `History chart unavailable: ${error.message}`)));
}

/** The webhooks (ADMIN): where each sends, what waits, what is parked; test, retry, delete. */
async function showWebhooks(datasetId) {
    const list = $('#webhook-list');
    $('#webhook-form').dataset.datasetId = datasetId;
    let webhooks;
    try {
        webhooks = await api('/api/webhooks?size=100');
    } catch (error) {
        list.replaceChildren(problemView(error));
        return;
    }
    if (!webhooks.content.length) {
        list.replaceChildren(el('p', { class: 'hint' }, 'No webhook yet.'));
        return;
    }
    list.replaceChildren(...webhooks.content.map((hook) => el('article', { class: 'webhook', 'data-webhook-id': hook.id },
        el('p', {}, el('strong', {}, hook.url), ` · ${hook.events.join(', ')} · `,
            hook.datasetId === null ? 'every dataset' : datasetName(hook.datasetId),
            ` · ${fmt(hook.pending)} waiting · ${fmt(hook.parked)} parked`),
        el('p', {},
            el('button', { type: 'button', class: 'webhook-test', onclick: () => testWebhook(hook, datasetId) },
                'Send a test event'), ' ',
            hook.parked > 0 ? el('button', { type: 'button', onclick: () => showParked(hook, datasetId) },
                'Show parked deliveries') : null, ' ',
            el('button', { type: 'button', onclick: () => deleteWebhook(hook, datasetId) }, 'Delete')),
        el('div', { class: 'webhook-detail', 'aria-live': 'polite' }))));
}

function webhookDetail(hook) {
    return $(`#webhook-list [data-webhook-id="${hook.id}"] .webhook-detail`);
}

function deliveryLine(delivery) {
    return `Delivery #${delivery.id} (${delivery.kind}) ${delivery.status} after ${delivery.attempts} attempt(s)`
        + (delivery.lastStatusCode ? `, last answer ${delivery.lastStatusCode}` : '')
        + (delivery.lastError ? `: ${delivery.lastError}` : '.');
}

/** A test event now; a failed one is parked, and can be retried from here. */
async function testWebhook(hook, datasetId) {
    try {
        const delivery = await postJson(`/api/webhooks/${hook.id}/test`);
        webhookDetail(hook).replaceChildren(el('p', { class: delivery.status === 'DELIVERED' ? 'ok' : 'problem' },
            deliveryLine(delivery), ' ', delivery.status === 'PARKED' ? retryButton(hook, delivery, datasetId) : null));
    } catch (error) {
        webhookDetail(hook).replaceChildren(problemView(error));
    }
}

async function showParked(hook, datasetId) {
    try {
        const parked = await api(`/api/webhooks/${hook.id}/deliveries?status=PARKED&size=50`);
        webhookDetail(hook).replaceChildren(...parked.content.map((delivery) => el('p', {}, deliveryLine(delivery), ' ',
            retryButton(hook, delivery, datasetId))));
    } catch (error) {
        webhookDetail(hook).replaceChildren(problemView(error));
    }
}

/** Sends a parked delivery again; the service brings back the earlier parked ones of its dataset, and says so. */
function retryButton(hook, delivery, datasetId) {
    return el('button', { type: 'button', class: 'webhook-retry', onclick: async () => {
        try {
            const { response } = await answer(`/api/webhooks/${hook.id}/deliveries/${delivery.id}/retry`,
                { method: 'POST' });
            const earlier = Number(response.headers.get('X-Segments-Retried-Deliveries') || 1) - 1;
            say(`Delivery #${delivery.id} is sent again` + (earlier > 0 ? `, after the ${earlier} earlier parked `
                + `${earlier === 1 ? 'delivery' : 'deliveries'} of its dataset, which go first.` : '.'));
            showWebhooks(datasetId);
        } catch (error) {
            webhookDetail(hook).replaceChildren(problemView(error));
        }
    } }, 'Retry');
}

async function deleteWebhook(hook, datasetId) {
    try {
        await api(`/api/webhooks/${hook.id}`, { method: 'DELETE' });
        say(`Webhook #${hook.id} deleted: nothing more is sent to ${hook.url}.`);
        showWebhooks(datasetId);
    } catch (error) {
        webhookDetail(hook).replaceChildren(problemView(error));
    }
}

$('#webhook-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const datasetId = Number(event.target.dataset.datasetId);
    const request = { url: $('#webhook-url').value.trim() };
    if ($('#webhook-dataset-only').checked) {
        request.dataset = datasetId;
    }
    try {
        const made = await postJson('/api/webhooks', request);
        $('#webhook-url').value = '';
        $('#webhook-result').replaceChildren(el('p', { class: 'ok' }, `Webhook #${made.webhook.id} added. Its secret, `
            + 'shown this once, signs every delivery (X-Segments-Signature); give it to the receiver: ',
            el('code', { id: 'webhook-secret' }, made.secret)));
        showWebhooks(datasetId);
    } catch (error) {
        $('#webhook-result').replaceChildren(problemView(error));
    }
});

function segmentCard(segment, datasetId) {
    const profile = Object.entries(segment.profile).map(([feature, p]) =>
        [feature, fmt(p.mean), p.index === null || p.index === undefined ? '–' : `${fmt(p.index / 100)}×`,
            `${fmt(p.min)}–${fmt(p.max)}`, el('span', { class: `level ${p.level}` }, p.level)]);
    const mix = Object.entries(segment.mix || {}).map(([column, shares]) => el('p', {}, el('strong', {}, `${column}: `),
        shares.map((s) => `${s.value ?? 'missing'} ${percent.format(s.share)}`
            + (s.populationShare !== null && s.populationShare !== undefined
                ? ` (${percent.format(s.populationShare)} overall)` : '')).join(', ')));
    return el('article', { class: 'segment-card', 'aria-labelledby': `segment-${segment.key}` },
        el('h3', { id: `segment-${segment.key}` }, segment.name),
        el('p', { class: 'size' }, `${fmt(segment.size)} customers · ${percent.format(segment.share)}`,
            segment.silhouette !== null ? ` · silhouette ${fmt(segment.silhouette)}` : ''),
        el('p', {}, segment.description),
        segment.lifetimeValue ? el('p', { class: 'value' }, `Lifetime value ${money(segment.lifetimeValue.totalClv)} `
            + `(${money(segment.lifetimeValue.meanClv)} per customer), P(alive) `
            + `${percent.format(segment.lifetimeValue.meanProbabilityAlive)}`) : null,
        el('div', { class: 'scroll' }, table(['Feature', 'Mean', 'Against the average', 'Range', 'Level'], profile,
            'Profile')),
        mix,
        el('h4', {}, 'Recommendations'),
        el('ul', { class: 'recommendations' }, segment.recommendations.map((r) => el('li', {},
            el('strong', {}, r.action), ` (${r.channel}): ${r.rationale}`))),
        el('p', { class: 'hint' }, `Key ${segment.key} · `,
            // No download attribute: the service names the file, and a refusal (exports busy) is shown, not saved.
            downloadLink(`/api/segments/${segment.key}/customers.csv?dataset=${datasetId}`,
                'Download its audience (CSV)', { class: 'audience-csv' })));
}

$('#segments-dataset').addEventListener('change', (event) => {
    location.hash = event.target.value ? `#segments/${event.target.value}` : '#segments';
});

$('#lookup-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = $('#lookup-id').value.trim();
    const dataset = $('#segment-cards').dataset.datasetId;
    const result = $('#lookup-result');
    try {
        // The query form: an id with / or \ cannot travel in a path (the web server refuses %2F and %5C).
        const found = await api(`/api/customers/segment?customerId=${encodeURIComponent(id)}&dataset=${dataset}`);
        const soft = found.probability !== null && found.probability !== undefined;
        result.replaceChildren(el('p', { class: 'ok' }, `Customer ${id} is in `, el('strong', {}, found.segmentName),
            ` (${found.segmentKey})`,
            soft ? ` with probability ${percent.format(found.probability)}`
                + (found.runnerUp ? `; next most likely ${found.runnerUp.segmentName} `
                    + `(${percent.format(found.runnerUp.probability)}).` : '.')
                : `, ${fmt(found.distance)} from its centre, ${fmt(found.margin)} nearer than to the next`
                    + (found.rfm ? `; RFM scores R ${found.rfm.r}, F ${found.rfm.f}, M ${found.rfm.m}.` : '.')));
    } catch (error) {
        result.replaceChildren(problemView(error));
    }
});

// ---------------------------------------------------------------- signing in with a key

/** Shows the key form instead of the sections, with the reason. */
function askForKey(reason) {
    sessionStorage.removeItem(KEY_STORAGE);
    currentKey = null;
    for (const name of sections) {
        $(`#${name}`).hidden = true;
    }
    $('#key-status').hidden = true;
    $('#key-form').hidden = false;
    $('#key-message').textContent = reason || '';
    $('#key-input').focus();
}

/** Asks the service who the key (if any) is; without a valid key, shows the form. */
async function start() {
    const response = await fetch('/api/keys/current', { headers: withKey({ Accept: 'application/json' }) });
    if (!response.ok) {
        const stored = sessionStorage.getItem(KEY_STORAGE) !== null;
        askForKey(response.status === 401 && stored ? 'The service does not accept this key.' : '');
        return false;
    }
    currentKey = await response.json();
    $('#key-form').hidden = true;
    $('#key-status').hidden = false;
    $('#key-name').textContent = currentKey.securityEnabled ? currentKey.name : 'security disabled';
    $('#key-role').textContent = currentKey.role;
    $('#key-forget').hidden = !currentKey.securityEnabled;
    // A READER cannot upload or run: those forms are not shown at all.
    $('#upload-form').hidden = !may('ANALYST');
    $('#run-form').hidden = !may('ANALYST');
    route();
    return true;
}

$('#key-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, $('#key-input').value.trim());
    $('#key-input').value = '';
    if (await start()) {
        say(`Signed in with the key "${currentKey.name}" (${currentKey.role}).`);
    }
});

$('#key-forget').addEventListener('click', () => {
    askForKey('The key was forgotten by this tab.');
    say('');
});

start().catch((error) => askForKey(`The service could not be reached: ${error.message}`));
