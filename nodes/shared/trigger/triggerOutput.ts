// Turns a delivery's raw events into the trigger's output items, the same way for every provider:
// drop what the user did not select, normalize, keep the raw event when asked, and emit identical
// events of one delivery once.
import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { repeatedIds } from '../delivery/repeatedIds';
import type { NormalizedEvent } from '../NormalizedEvent';

export type TriggerOutputMode = 'normalized' | 'normalizedAndRaw' | 'raw';

export const ALL_EVENTS = '*';

/** The trigger's Events parameter as the user set it (may hold ALL_EVENTS). */
export function selectedEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	return ctx.getNodeParameter('events', []) as string[];
}

/** The provider events to subscribe to for a selection, in the provider's order. */
export function subscribedEvents<Event extends string>(
	selected: string[],
	providerEvents: readonly Event[],
): Event[] {
	return selected.includes(ALL_EVENTS)
		? [...providerEvents]
		: providerEvents.filter((event) => selected.includes(event));
}

export function outputModeOf(options: IDataObject): TriggerOutputMode {
	return (options.output as TriggerOutputMode | undefined) ?? 'normalized';
}

/** The trigger's Events parameter: "All Events" first, then the provider's own events. */
export function triggerEventsProperty(providerEvents: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'All Events',
				value: ALL_EVENTS,
				description: 'Every event, including kinds this node does not know yet',
			},
			...providerEvents,
		],
		default: [ALL_EVENTS],
		description:
			'The events that start the workflow; the others are not subscribed to, and dropped if they arrive',
	};
}

export const triggerOutputOption = {
	displayName: 'Output',
	name: 'output',
	type: 'options' as const,
	options: [
		{
			name: 'Normalized',
			value: 'normalized',
			description: 'One item per event in the same schema for every provider',
		},
		{
			name: 'Normalized + Raw',
			value: 'normalizedAndRaw',
			description: 'The normalized event with the provider event as received under "raw"',
		},
		{ name: 'Raw', value: 'raw', description: 'The provider event exactly as received' },
	],
	default: 'normalized',
	description: 'The shape of each output item',
};

export interface EventSelection<Raw> {
	/** The subscription name of a raw event, as the user selects it (undefined: unknown kind). */
	subscriptionOf: (raw: Raw) => string | undefined;
	normalize: (raw: Raw) => NormalizedEvent;
}

export function isSelected(selected: string[], subscription: string | undefined): boolean {
	// Kinds we do not know yet still reach a user who asked for everything (as event "unknown").
	if (selected.includes(ALL_EVENTS)) return true;
	return subscription !== undefined && selected.includes(subscription);
}

/**
 * A delivery parser's events as n8n item data. The parsers type an event as
 * Record<string, unknown>; it comes from JSON.parse or a form parser, which only ever produce
 * what IDataObject allows, so this is the one place that says so.
 */
export function asItemData(events: Array<Record<string, unknown>>): IDataObject[] {
	return events as IDataObject[];
}

/**
 * The selected events: `raw[i]` as received, `normalized[i]` its normalized event. Two arrays,
 * not one pair per event: the enrich step takes `normalized` as it is, and a delivery of
 * 10,000 events allocates no 10,000 pairs.
 */
export interface SelectedEvents<Raw> {
	raw: Raw[];
	normalized: NormalizedEvent[];
}

/** The events the user selected, normalized, each identical event of one delivery once. */
export function selectEvents<Raw extends IDataObject>(
	rawEvents: Raw[],
	selected: string[],
	selection: EventSelection<Raw>,
): SelectedEvents<Raw> {
	let raw: Raw[];
	let normalized: NormalizedEvent[];
	if (selected.includes(ALL_EVENTS)) {
		// Every event: the parser's array as it is, and one array of the known length.
		raw = rawEvents;
		normalized = new Array<NormalizedEvent>(rawEvents.length);
		for (let i = 0; i < rawEvents.length; i++) normalized[i] = selection.normalize(rawEvents[i]);
	} else {
		raw = [];
		normalized = [];
		for (const event of rawEvents) {
			if (!isSelected(selected, selection.subscriptionOf(event))) continue;
			normalized.push(selection.normalize(event));
			raw.push(event);
		}
	}
	// Most deliveries (Everlytic's always) hold one event: nothing to de-duplicate.
	if (normalized.length < 2) return { raw, normalized };
	const repeated = repeatedIds(normalized.map((event) => event.id));
	if (!repeated.includes(1)) return { raw, normalized };
	return {
		raw: raw.filter((_event, i) => repeated[i] === 0),
		normalized: normalized.filter((_event, i) => repeated[i] === 0),
	};
}

/** One output item per selected event, in the shape the Output option asks for. */
export function itemsOf<Raw extends IDataObject>(
	{ raw, normalized }: SelectedEvents<Raw>,
	output: TriggerOutputMode,
): INodeExecutionData[] {
	const items: INodeExecutionData[] = new Array(raw.length);
	for (let i = 0; i < raw.length; i++) {
		if (output === 'raw') items[i] = { json: raw[i] };
		else if (output === 'normalizedAndRaw') items[i] = { json: { ...normalized[i], raw: raw[i] } };
		else items[i] = { json: normalized[i] };
	}
	return items;
}

export function eventsToItems<Raw extends IDataObject>(
	rawEvents: Raw[],
	selected: string[],
	output: TriggerOutputMode,
	selection: EventSelection<Raw>,
): INodeExecutionData[] {
	return itemsOf(selectEvents(rawEvents, selected, selection), output);
}
