import { SARV } from '../nodes/Sarv/sarvBrand';
import { TesCredentialType } from '../nodes/Tes/transport/tesCredential';

/** Sarv's credential: the shared TES credential with Sarv's brand data. */
export class SarvApi extends TesCredentialType {
	name = 'sarvApi';

	displayName = 'Sarv API';

	constructor() {
		super(SARV);
	}
}
