import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { SARV } from '../nodes/Sarv/sarvBrand';
import { tesAuthenticate, tesCredentialProperties, tesCredentialTest } from '../nodes/Tes/tesCredential';

export class SarvApi implements ICredentialType {
	name = 'sarvApi';

	displayName = 'Sarv API';

	icon: Icon = { light: 'file:../icons/sarv.svg', dark: 'file:../icons/sarv.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-email-webhooks/n8n-nodes-email-webhooks#sarv-api';

	properties: INodeProperties[] = tesCredentialProperties(SARV);

	authenticate: IAuthenticateGeneric = tesAuthenticate;

	test: ICredentialTestRequest = tesCredentialTest(SARV);
}
