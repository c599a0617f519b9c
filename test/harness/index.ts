// The in-process test harness: runs this package's nodes inside n8n-core's real execution engine
// from jest. Entry points:
//   executeNode          one node's execute() through WorkflowExecute
//   testCredential       a credential's declarative test, as n8n's "Test" button does it
//   createTriggerHarness a webhook trigger: webhookMethods through HookContext, webhook() through
//                        WebhookContext with n8n's request/response handling around it
// env.ts (a jest setupFile) prepares the environment n8n-core needs before it loads.
import { installRecordingLogger } from './logger';

installRecordingLogger();

export { executeNode } from './executeNode';
export type { ExecuteNodeOptions, ExecuteNodeResult, HarnessNodeError } from './executeNode';
export { testCredential } from './credentialTest';
export { createTriggerHarness } from './triggerHarness';
export type {
	ActivationResult,
	ReceiveRequest,
	ReceiveResult,
	TriggerHarness,
	TriggerHarnessOptions,
	WebhookSetupMethod,
	WebhookUrlMode,
} from './triggerHarness';
export { applyCredentialAuthentication } from './credentialsHelper';
export type { LogEntry } from './logger';
export { unattributedLogs } from './logger';
export { PACKAGE_PREFIX } from './nodeTypes';
