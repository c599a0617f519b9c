// The Sarv, SendClean and Everlytic triggers in a real n8n started with
// N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false: activation runs the triggers' create() before
// answering (a refusal is the 400 answer itself), and every start asks each trigger again whether
// its webhook exists, which must adopt the registration, not add a second one
// (scenarios in triggerLifecycle.ts).
import { describeTriggerLifecycle } from './triggerLifecycle';

describeTriggerLifecycle(false);
