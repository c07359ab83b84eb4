import type en from './dashboard.en';
import type { Translation } from './message';

/** Spanish (Latin American) strings of the dashboard (every key of dashboard.en.ts). */
export default {
  'dashboard.title': 'Inicio',
  'dashboard.welcome': 'Hola de nuevo, {name}',
  'dashboard.memberId': 'ID de miembro',
  'dashboard.rank': 'Rango',
  'dashboard.highestRank': 'Rango más alto',
  'dashboard.status': 'Estado',
  'dashboard.market': 'Mercado',
  'dashboard.role': 'Rol',
  'dashboard.newAccount': '¡Bienvenido! Tu cuenta está lista y ya iniciaste sesión.',
  'dashboard.newPartners': 'Nuevos socios',
  'dashboard.allNewPartners': 'Ver todos los nuevos socios',
  'dashboard.noNewPartners': 'Todavía no hay nuevos socios en tu equipo.',
} satisfies Translation<typeof en>;
