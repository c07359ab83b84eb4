import type en from './developers.en';
import type { Translation } from './message';

/** Spanish (Latin American) strings of the API reference (every key of developers.en.ts). */
export default {
  'developers.title': 'Referencia de la API de Arbor',
  'developers.intro':
    'Cada ruta de la API: quién puede llamarla, qué recibe y qué responde. Los navegadores inician sesión con una cookie de sesión; las integraciones entre servidores usan claves de API que crea un administrador. El dinero va en unidades menores (centavos) con su moneda.',
  'developers.download': 'Descargar el documento OpenAPI 3.1 (JSON)',
  'developers.loading': 'Cargando la referencia…',
  'developers.loadFailed': 'No se pudo cargar la referencia. Recarga la página para intentarlo de nuevo.',
  'developers.filter': 'Buscar una ruta',
  'developers.routes': { one: '1 ruta', other: '{count} rutas' },
  'developers.areas': 'Áreas de la API',
  'developers.whoMay': 'Quién puede llamarla',
  'developers.apiKeyScope': 'También para claves de API con el alcance {scope}',
  'developers.anyone': 'cualquiera',
  'developers.parameters': 'Parámetros',
  'developers.name': 'Nombre',
  'developers.in': 'En',
  'developers.type': 'Tipo',
  'developers.required': 'obligatorio',
  'developers.body': 'Cuerpo de la solicitud (JSON)',
  'developers.answers': 'Respuesta ({status})',
  'developers.file': 'Un archivo ({type}).',
  'developers.noBody': 'Sin cuerpo.',
  'developers.errors': 'Errores',
  'developers.fields': { one: '1 campo', other: '{count} campos' },
} satisfies Translation<typeof en>;
