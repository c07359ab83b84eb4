import type { Translation } from './message';
import type en from './support-search.en';

/** Spanish strings of the support console's search and its staff-only frame (the English reference is support-search.en.ts). */
export default {
  'console.staffOnly.title': 'Consola de soporte',
  'console.staffOnly.message':
    'La consola de soporte es para el equipo de soporte. Nada de aquí está abierto a tu cuenta.',

  'console.search.title': 'Buscar un miembro',
  'console.search.label': 'Buscar miembros',
  'console.search.placeholder': 'ID, usuario, correo, nombre, teléfono, empresa o últimos 4 de la tarjeta',
  'console.search.hint':
    'Una sola caja encuentra a cualquiera: ID de miembro, usuario, correo, nombre o apellido o ambos en cualquier orden, los últimos dígitos de un teléfono, el nombre de la empresa o los últimos 4 dígitos de una tarjeta guardada. No importan los acentos ni las mayúsculas; basta con el inicio de una palabra.',
  'console.search.submit': 'Buscar',
  'console.search.searching': 'Buscando…',
  'console.search.failed': 'La búsqueda falló. Inténtalo de nuevo.',
  'console.search.none':
    'Nadie coincide con «{query}». Revisa la ortografía o prueba con el correo, el teléfono o el ID de miembro.',
  'console.search.results': {
    one: '{count} miembro para «{query}»',
    other: '{count} miembros para «{query}»',
  },
  'console.search.more': 'Más resultados',
  'console.search.caption': 'Miembros que coinciden con «{query}», la mejor coincidencia primero',
  'console.search.col.member': 'Miembro',
  'console.search.col.match': 'Coincide en',
  'console.search.col.kind': 'Tipo',
  'console.search.col.status': 'Estado',
  'console.search.col.rank': 'Rango pagado',
  'console.search.col.email': 'Correo',
  'console.search.col.market': 'Mercado',
  'console.search.matchedOn.id': 'ID de miembro',
  'console.search.matchedOn.username': 'Usuario',
  'console.search.matchedOn.email': 'Correo',
  'console.search.matchedOn.name': 'Nombre',
  'console.search.matchedOn.phone': 'Teléfono',
  'console.search.matchedOn.company': 'Empresa',
  'console.search.matchedOn.card': 'Tarjeta',
  'console.search.memberId': 'ID {id}',
} satisfies Translation<typeof en>;
