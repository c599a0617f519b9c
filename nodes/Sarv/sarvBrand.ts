import { defineTesBrand } from '../Tes/TesBrand';

// Older Sarv docs show per-account hosts only, so there is no default App Domain.
export const SARV = defineTesBrand({ provider: 'sarv', displayName: 'Sarv', nodeName: 'sarv', defaultAppDomain: '' });
