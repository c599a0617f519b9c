// The README is the user's contract: its field table and its worked example must match the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NORMALIZED_EVENT_FIELDS, NORMALIZED_EVENT_TYPES } from '../../nodes/shared/NormalizedEvent';
import { normalizeTesEvent } from '../../nodes/Tes/delivery/normalizeTesEvent';
import { parseTesDelivery } from '../../nodes/Tes/delivery/parseTesDelivery';
import { lookUpRecipients } from '../../nodes/Tes/trigger/lookUpRecipients';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### What arrives'), readme.indexOf('## Example workflows'));

test('the normalized field table lists exactly the fields of NormalizedEvent, in order', () => {
	const rows = section.split('\n').filter((line) => /^\| `[a-zA-Z]+` \|/.test(line));
	expect(rows.map((row) => /^\| `([a-zA-Z]+)`/.exec(row)![1])).toEqual([...NORMALIZED_EVENT_FIELDS]);
	const eventRow = rows.find((row) => row.startsWith('| `event` |'))!;
	expect([...eventRow.matchAll(/`([a-z]+)`/g)].map((m) => m[1]).slice(1)).toEqual([...NORMALIZED_EVENT_TYPES]);
});

test('the worked example is exactly what the Sarv trigger emits for that delivery', async () => {
	const [delivery, item] = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as unknown);
	const events = parseTesDelivery({ body: delivery, contentType: 'application/json' });
	expect(events).toHaveLength(1);
	const event = normalizeTesEvent(events[0], 'sarv');
	// The example's sentence: Sarv's message info names jane.doe@example.com for that message.
	const messageInfo = { [String(events[0].x_unique_id)]: 'jane.doe@example.com' };
	await lookUpRecipients([event], 'bouncesAndComplaints', async (id) => ({ found: id in messageInfo, recipient: messageInfo[id] ?? null }));
	expect(JSON.parse(JSON.stringify(event))).toEqual(item);
});
