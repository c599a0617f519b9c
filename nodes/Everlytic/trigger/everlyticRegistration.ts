// What the Everlytic trigger keeps per served URL (shared/trigger/registrationStore): the
// webhook's id and the Basic credentials deliveries must carry. Everlytic never returns the
// password, so this is its only copy.
import type { Registration } from '../../shared/trigger/registrationStore';

export interface EverlyticRegistration extends Registration {
	username: string;
	password: string;
}
