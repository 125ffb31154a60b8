import type { TConfig } from '../../platform/config/config.js';
import { SoapEParavolo } from './e-paravolo.soap.js';
import { createEParavoloImitation, type EParavoloImitation } from './e-paravolo-imitation.js';
import { type EParavoloPort, EParavoloUnavailable } from './port.js';

/** The development stand-in's credentials (it runs in-process; nothing leaves the machine). */
export const DEV_E_PARAVOLO = { url: 'in-process://e-paravolo', username: 'dimos-dev', password: 'dimos-dev-secret' };

/** Refuses every call: production without E_PARAVOLO_* configured. */
class UnconfiguredPort implements EParavoloPort {
  async check(): Promise<never> {
    throw new EParavoloUnavailable('e-paravolo is not configured (E_PARAVOLO_URL, E_PARAVOLO_USERNAME, E_PARAVOLO_PASSWORD)');
  }
  async bind(): Promise<never> {
    throw new EParavoloUnavailable('e-paravolo is not configured');
  }
}

let port: EParavoloPort = new UnconfiguredPort();
let devImitation: EParavoloImitation | null = null;

/**
 * The port from the configuration: the SOAP adapter when E_PARAVOLO_URL is set; otherwise, outside
 * production, the same adapter talking to the in-process imitation with demo codes (see README.md).
 */
export function portFromConfig(cfg: TConfig): EParavoloPort {
  if (cfg.E_PARAVOLO_URL) {
    return new SoapEParavolo({
      url: cfg.E_PARAVOLO_URL,
      username: cfg.E_PARAVOLO_USERNAME ?? '',
      password: cfg.E_PARAVOLO_PASSWORD ?? '',
      timeoutMs: cfg.E_PARAVOLO_TIMEOUT_MS,
    });
  }
  if (cfg.NODE_ENV === 'production') return new UnconfiguredPort();
  devImitation = createEParavoloImitation({ username: DEV_E_PARAVOLO.username, password: DEV_E_PARAVOLO.password, demoCodes: true });
  const imitation = devImitation;
  return new SoapEParavolo({
    ...DEV_E_PARAVOLO,
    timeoutMs: cfg.E_PARAVOLO_TIMEOUT_MS,
    transport: async (_url, init) => imitation.handle({ method: 'POST', headers: init.headers, body: init.body }),
  });
}

export function currentPort() {
  return port;
}

/** Set at start from the configuration; tests may put another port in. */
export function setEParavoloPort(p: EParavoloPort) {
  port = p;
}

/** The in-process imitation, when the development stand-in is in use. */
export function devEParavoloImitation() {
  return devImitation;
}
