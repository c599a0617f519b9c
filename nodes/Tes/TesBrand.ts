// A TES brand is data, not code: Sarv and SendClean run the same platform and differ only in
// a few facts; the rest of a brand's values follow the platform's naming rules. Everything
// under nodes/Tes takes a brand and serves either.
import type { Icon } from 'n8n-workflow';

/** What tells one brand from another. */
export interface TesBrandFacts {
	/** The `provider` value of normalized events; also names the icon files. */
	provider: 'sarv' | 'sendclean';
	displayName: string;
	/** The action node's name; the trigger and credential names derive from it. */
	nodeName: string;
	/** The usual cluster host of an account, '' when there is none. */
	defaultAppDomain: string;
}

export interface TesBrand extends TesBrandFacts {
	triggerNodeName: string;
	credentialName: string;
	/** Relative to the node files in nodes/<Brand>/, where n8n resolves it. */
	icon: Icon;
	/** Relative to credentials/, where n8n resolves it. */
	credentialIcon: Icon;
	credentialDocumentationUrl: string;
	/** The text the receiving URL must answer for the provider to accept it. */
	handshakeText: string;
	/** Lower-cased, as n8n hands headers to webhook(). */
	signatureHeader: string;
}

const README_URL = 'https://github.com/n8n-nodes-email-webhooks/n8n-nodes-email-webhooks';

export function defineTesBrand(facts: TesBrandFacts): TesBrand {
	const { provider, displayName, nodeName } = facts;
	return {
		...facts,
		triggerNodeName: `${nodeName}Trigger`,
		credentialName: `${nodeName}Api`,
		icon: { light: `file:../../icons/${provider}.svg`, dark: `file:../../icons/${provider}.dark.svg` },
		credentialIcon: { light: `file:../icons/${provider}.svg`, dark: `file:../icons/${provider}.dark.svg` },
		credentialDocumentationUrl: `${README_URL}#${provider}-api`,
		// Both brands' docs: the URL "always response 'God bless you, <brand>'".
		handshakeText: `God bless you, ${displayName}`,
		// SendClean publishes X-SendCleanTES-SIGNATURE; Sarv's is inferred by analogy (docs/providers.md).
		signatureHeader: `x-${displayName.toLowerCase()}tes-signature`,
	};
}
