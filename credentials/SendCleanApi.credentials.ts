import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { SENDCLEAN } from '../nodes/SendClean/sendCleanBrand';
import { tesAuthenticate, tesCredentialProperties, tesCredentialTest } from '../nodes/Tes/tesCredential';

export class SendCleanApi implements ICredentialType {
	name = 'sendCleanApi';

	displayName = 'SendClean API';

	icon: Icon = { light: 'file:../icons/sendclean.svg', dark: 'file:../icons/sendclean.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-email-webhooks/n8n-nodes-email-webhooks#sendclean-api';

	properties: INodeProperties[] = tesCredentialProperties(SENDCLEAN);

	authenticate: IAuthenticateGeneric = tesAuthenticate;

	test: ICredentialTestRequest = tesCredentialTest(SENDCLEAN);
}
