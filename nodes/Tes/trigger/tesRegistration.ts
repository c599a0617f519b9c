// What a TES trigger keeps per served URL (shared/trigger/registrationStore): the webhook's id and
// the key its deliveries are signed with (TES add answers neither: both are learnt by listing).
import type { Registration } from '../../shared/trigger/registrationStore';

export interface TesRegistration extends Registration {
	key: string;
}
