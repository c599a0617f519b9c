// The "Docs" links n8n shows for our nodes and credentials (codex files, credential
// documentationUrl) point at sections of this README: each must land on a heading or anchor that
// exists, or the user who clicks it reads the top of the page instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EverlyticApi } from '../../credentials/EverlyticApi.credentials';
import { SarvApi } from '../../credentials/SarvApi.credentials';
import { SendCleanApi } from '../../credentials/SendCleanApi.credentials';

const root = join(__dirname, '../..');
const README_URL = 'https://github.com/n8n-nodes-email-webhooks/n8n-nodes-email-webhooks';
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

function readmeAnchors(): Set<string> {
	const anchors = new Set<string>();
	for (const line of readme.split('\n')) {
		const heading = /^#{1,6} (.+)$/.exec(line);
		if (heading) anchors.add(headingAnchor(heading[1]));
		for (const explicit of line.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(explicit[1]);
	}
	return anchors;
}

function codexUrls(): string[] {
	const urls: string[] = [];
	for (const provider of ['Sarv', 'SendClean', 'Everlytic']) {
		const folder = join(root, 'nodes', provider);
		for (const file of readdirSync(folder).filter((name) => name.endsWith('.node.json'))) {
			const text = readFileSync(join(folder, file), 'utf8');
			urls.push(...[...text.matchAll(/"url":\s*"([^"]+)"/g)].map((match) => match[1]));
		}
	}
	return urls;
}

function credentialUrls(): string[] {
	return [new SarvApi(), new SendCleanApi(), new EverlyticApi()].map((credential) => credential.documentationUrl ?? '');
}

test('every documentation link of a node or credential lands on a section of the README', () => {
	const urls = [...codexUrls(), ...credentialUrls()];
	// Six codex files with two links each, and three credentials.
	expect(urls.length).toBeGreaterThanOrEqual(15);
	const anchors = readmeAnchors();
	const missing = urls
		.filter((url) => url.startsWith(`${README_URL}#`))
		.map((url) => url.slice(README_URL.length + 1))
		.filter((anchor) => !anchors.has(anchor));
	expect(missing).toEqual([]);
});

test("the README's own links to its sections land on a section", () => {
	const anchors = readmeAnchors();
	const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
	expect(links.length).toBeGreaterThan(0);
	expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
});
