import { registerTranslations } from '../../app/i18n';
import el from './i18n/el.json';
import en from './i18n/en.json';

registerTranslations('fleet', { el, en });
