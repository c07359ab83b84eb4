import type { Translation } from './message';
import type en from './support.en';

/** Spanish strings of a member's account page in the support console. */
export default {
  'support.member.title': 'Cuenta del miembro',
  'support.member.back': 'Volver a la búsqueda',
  'support.comingSoon': 'Cargando esta sección…',
  'support.tabs': 'Secciones de la cuenta del miembro',
  'support.tab.overview': 'Resumen',
  'support.tab.timeline': 'Cronología',
  'support.tab.calls': 'Registro de llamadas',
  'support.tab.signIns': 'Inicios de sesión',
  'support.tab.orders': 'Pedidos',
  'support.tab.broadcasts': 'Correos masivos',
} satisfies Translation<typeof en>;
