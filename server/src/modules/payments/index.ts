import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import { registerSubmitCheck } from '../cases/index.js';
import './messages.js';
import { portFromConfig, setEParavoloPort } from './port-registry.js';
import { paymentsRoutes } from './routes.js';
import { bindForCase, eParavoloCheck } from './service.js';

/**
 * Fees and late-declaration fines paid by e-παράβολο: the quote, the submit check through the
 * payment port, binding (δέσμευση) the code to the case after it is written, and the staff view.
 * See README.md.
 */

export { DEMO_CODES } from './e-paravolo-imitation.js';
export { quoteFee, type TQuote } from './fee.js';
export { type EParavoloPort, EParavoloUnavailable, normalizeCode } from './port.js';
export { currentPort, devEParavoloImitation, setEParavoloPort } from './port-registry.js';
export { payments } from './schema.js';

export const BIND_HANDLER = 'payments.bind-e-paravolo';

export const paymentsApi: ApiPart = {
  name: 'payments',
  plugin: async (app, { platform }) => {
    await paymentsRoutes(app, platform);
  },
  setup(platform: Platform) {
    setEParavoloPort(portFromConfig(platform.cfg));
    registerSubmitCheck(eParavoloCheck);
    platform.jobs.on(
      'case.submitted',
      BIND_HANDLER,
      async (e) => {
        if (typeof e.payload.caseId !== 'string') return;
        await bindForCase(platform, e.tenantId, e.payload.caseId);
      },
      { maxAttempts: 20, backoffMs: 30_000, when: (p) => p.hasFee !== false },
    );
  },
};
