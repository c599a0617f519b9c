// Jest setupFile: the process environment n8n-core needs, set before any test file loads it.
// n8n-core reads most of this once, at import time (InstanceSettings, the global config), so it
// must run before the first `import 'n8n-core'`; jest runs setupFiles first in every worker.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// InstanceSettings writes `<N8N_USER_FOLDER>/.n8n/config` (instance id, encryption key). One
// folder per jest worker, so parallel workers never race on that file; the key is fixed because
// n8n refuses to start when the key in the environment differs from the one in the file.
const workerId = process.env.JEST_WORKER_ID ?? '0';
const userFolder = join(tmpdir(), 'n8n-nodes-email-webhooks-jest', `worker-${workerId}`);
mkdirSync(userFolder, { recursive: true });
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY = 'n8n-nodes-email-webhooks-test-key';

// n8n warns (with a stack) when the config file is world-readable; the tmp folder often is.
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';

// Tests talk only to servers on 127.0.0.1: never route that through a proxy a developer or CI
// runner may have configured, and never let n8n's SSRF guard (which blocks loopback) interfere.
process.env.NO_PROXY = '127.0.0.1,localhost';
process.env.no_proxy = '127.0.0.1,localhost';
delete process.env.N8N_SSRF_PROTECTION_ENABLED;

// Keep n8n quiet and offline: no telemetry, no version checks, no log output of its own (the
// harness registers a recording Logger; this covers anything logged before that happens).
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = 'silent';
