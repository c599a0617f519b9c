// Takes the README's screenshots of this package's nodes inside a real n8n editor: starts the
// pinned n8n through the e2e driver (scratch user folder, free port) with the packed package
// installed, creates the owner, credentials and two workflows, signs in on n8n's login page in
// Debian's headless Chromium (driven by playwright-core) and writes PNGs to docs/screenshots/.
// Run it through scripts/screenshots/run.sh, which builds, installs the tools and compiles the
// driver into .cache/screenshots-build. SCREENSHOTS_HOLD=1 stops after the set-up and keeps n8n
// running (URL and login printed) for working on the shots by hand; Ctrl-C ends it.
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { N8n, fullNodeType } = require(path.join(REPO, '.cache/screenshots-build/test/e2e/lib/index.js'));
const { chromium } = require(path.join(REPO, '.cache/screenshot-tools/node_modules/playwright-core'));

const OUT_DIR = path.join(REPO, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
const MAX_BYTES = 200 * 1024;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const OWNER = { email: 'screenshots@example.com', firstName: 'Ada', lastName: 'Lovelace', password: 'Screenshots-Passw0rd' };
// Nothing listens here: taking the screenshots never calls a provider.
const NOWHERE = 'http://127.0.0.1:9';

const say = (line) => process.stdout.write(`${line}\n`);

// --- the workflows shown -------------------------------------------------------------------

function node(type, name, position, parameters, extra) {
	return { id: randomUUID(), name, type, position, parameters, ...extra };
}

function chain(...names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

async function createWorkflows(n8n) {
	const credential = async (type, name, data) => {
		const stored = await n8n.createCredential(type, name, data);
		return { [type]: { id: stored.id, name: stored.name } };
	};
	const sarv = await credential('sarvApi', 'Sarv account', { ownerId: 'my-owner-id', token: 'my-token', appDomain: '', baseUrl: NOWHERE });
	const everlytic = await credential('everlyticApi', 'Everlytic account', { username: 'me', apiKey: 'my-api-key', baseUrl: NOWHERE });
	const hubspot = await credential('hubspotAppToken', 'HubSpot app token', { appToken: 'pat-na1-00000000' });

	const bounces = await n8n.createWorkflow({
		name: 'Bounces → HubSpot, nightly Everlytic retry',
		nodes: [
			node(
				fullNodeType('sarvTrigger'),
				'Sarv Trigger',
				[0, 0],
				{ events: ['hard_bounce', 'spam'], options: { output: 'normalized', verifySignature: true } },
				{ typeVersion: 1, webhookId: randomUUID(), credentials: sarv },
			),
			node(
				'n8n-nodes-base.filter',
				'Hard bounce?',
				[240, 0],
				{
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{ id: randomUUID(), leftValue: '={{ $json.event }}', rightValue: 'bounce', operator: { type: 'string', operation: 'equals' } },
							{ id: randomUUID(), leftValue: '={{ $json.bounceType }}', rightValue: 'hard', operator: { type: 'string', operation: 'equals' } },
						],
						combinator: 'and',
					},
					options: {},
				},
				{ typeVersion: 2.2 },
			),
			node(
				'n8n-nodes-base.hubspot',
				'Mark contact in HubSpot',
				[480, 0],
				{ authentication: 'appToken', resource: 'contact', operation: 'upsert', email: '={{ $json.recipient }}', additionalFields: {}, options: {} },
				{ typeVersion: 2.2, credentials: hubspot },
			),
			node('n8n-nodes-base.scheduleTrigger', 'Every night', [0, 240], { rule: { interval: [{ triggerAtHour: 3 }] } }, { typeVersion: 1.2 }),
			node(
				fullNodeType('everlytic'),
				'Reprocess failed deliveries',
				[240, 240],
				{ resource: 'webhook', operation: 'reprocessFailed' },
				{ typeVersion: 1, credentials: everlytic },
			),
		],
		connections: {
			...chain('Sarv Trigger', 'Hard bounce?', 'Mark contact in HubSpot'),
			...chain('Every night', 'Reprocess failed deliveries'),
		},
	});

	const manual = "When clicking 'Execute workflow'";
	const registration = await n8n.createWorkflow({
		name: 'Everlytic: register a webhook',
		nodes: [
			node('n8n-nodes-base.manualTrigger', manual, [0, 0], {}, { typeVersion: 1 }),
			node(
				fullNodeType('everlytic'),
				'Everlytic',
				[240, 0],
				{ resource: 'webhook', operation: 'create', url: 'https://n8n.example.com/webhook/everlytic-events', eventTypes: ['failed', 'bounce'] },
				{ typeVersion: 1, credentials: everlytic },
			),
		],
		connections: chain(manual, 'Everlytic'),
	});
	return { bounces, registration };
}

// --- the browser ---------------------------------------------------------------------------

async function openEditor(baseUrl) {
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
	const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US' });
	// The editor asks registry.npmjs.org about community packages: keep every request local.
	const local = new URL(baseUrl).host;
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		return url.protocol.startsWith('http') && url.host !== local ? route.abort() : route.continue();
	});
	const page = await context.newPage();
	page.on('dialog', (dialog) => dialog.accept());

	await page.goto(`${baseUrl}/signin`);
	await page.fill('#emailOrLdapLoginId', OWNER.email);
	await page.fill('#password', OWNER.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	return { browser, page };
}

async function openWorkflow(page, baseUrl, workflowId) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.waitForSelector('[data-test-id="canvas-node"]');
	await page.click('[data-test-id="zoom-to-fit"]');
	await page.waitForTimeout(800);
}

async function openNode(page, nodeName) {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick();
	await page.waitForSelector('[data-test-id="node-parameters"]');
	await page.waitForTimeout(800);
}

/** Waits until every text is on screen (so a login page or an error never becomes a shot). */
async function shoot(page, file, mustShow) {
	for (const text of mustShow) await page.getByText(text, { exact: true }).first().waitFor({ state: 'visible', timeout: 15_000 });
	await page.waitForTimeout(500);
	const target = path.join(OUT_DIR, file);
	await page.screenshot({ path: target });
	const bytes = statSync(target).size;
	say(`  ${path.relative(REPO, target)} (${Math.round(bytes / 1024)} KB)`);
	if (bytes > MAX_BYTES) say(`  warning: ${file} is over ${MAX_BYTES / 1024} KB`);
}

async function takeScreenshots(baseUrl, workflows) {
	const { browser, page } = await openEditor(baseUrl);
	try {
		await openWorkflow(page, baseUrl, workflows.bounces.id);
		await shoot(page, 'workflow-canvas.png', ['Sarv Trigger', 'Reprocess failed deliveries', 'Events: hard_bounce, spam']);

		await page.click('[data-test-id="node-creator-plus-button"]');
		await page.waitForSelector('[data-test-id="node-creator-search-bar"]');
		await page.keyboard.type('bounce');
		await shoot(page, 'node-panel-search.png', ['Sarv', 'SendClean', 'Everlytic']);

		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Everlytic$/ }).first().click();
		await shoot(page, 'node-panel-everlytic.png', ['Create a webhook', 'Reprocess failed deliveries', 'Update a webhook']);

		await openWorkflow(page, baseUrl, workflows.bounces.id);
		await openNode(page, 'Sarv Trigger');
		await shoot(page, 'sarv-trigger-parameters.png', ['Hard Bounce', 'Spam Complaint', 'Verify Signature']);

		await openWorkflow(page, baseUrl, workflows.registration.id);
		await openNode(page, 'Everlytic');
		await shoot(page, 'everlytic-create-parameters.png', ['Event Types', 'Failed', 'Bounce']);

		await page.locator('[data-test-id="parameter-input-operation"]').click();
		await shoot(page, 'everlytic-operations.png', ['Get Many', 'Reprocess Failed']);
	} finally {
		await browser.close();
	}
}

async function main() {
	mkdirSync(OUT_DIR, { recursive: true });
	// The driver unrefs n8n's process: without a handle of our own, Node would exit while waiting for
	// n8n to stop, and its exit hook would SIGKILL n8n before the scratch folder is removed.
	const keepAlive = setInterval(() => {}, 60_000);
	say('Starting n8n with the packed package (about 20 s) ...');
	const n8n = await N8n.start({ owner: OWNER });
	try {
		say(`n8n is ready on ${n8n.baseUrl}`);
		const workflows = await createWorkflows(n8n);
		if (process.env.SCREENSHOTS_HOLD === '1') {
			say(`Holding: ${n8n.baseUrl}/workflow/${workflows.bounces.id} (${OWNER.email} / ${OWNER.password}); Ctrl-C stops n8n.`);
			await new Promise((resolve) => {
				process.once('SIGINT', resolve);
				process.once('SIGTERM', resolve);
			});
			return;
		}
		say('Taking the screenshots in headless Chromium ...');
		await takeScreenshots(n8n.baseUrl, workflows);
	} finally {
		say('Stopping n8n ...');
		await n8n.stop();
		clearInterval(keepAlive);
	}
}

main().catch((error) => {
	process.stderr.write(`screenshots failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
