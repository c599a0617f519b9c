// The Sarv, SendClean and Everlytic triggers in a real n8n that activates workflows the way it
// does by default: Publish answers at once and the triggers' create() runs afterwards, so what
// the user sees is the publication status (scenarios in triggerLifecycle.ts).
import { describeTriggerLifecycle } from './triggerLifecycle';

describeTriggerLifecycle(true);
