import type { TemplateContent, TemplateUse } from '../comms/model.js';

/** The demo company's email templates (Admin → Email templates), in English and Spanish. */
export interface DemoTemplate {
  id: string;
  name: string;
  description: string;
  use: TemplateUse;
  content: { en: TemplateContent; es: TemplateContent };
}

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  {
    id: 'tpl_demo0message',
    name: 'Personal message',
    description: 'Your own subject and words, with the company header and footer.',
    use: 'both',
    content: {
      en: {
        subject: 'A message from {{senderName}}',
        body: 'Hi {{firstName}},\n\n{{message}}\n\n{{senderName}}\n{{siteLink}}',
      },
      es: {
        subject: 'Un mensaje de {{senderName}}',
        body: 'Hola {{firstName}}:\n\n{{message}}\n\n{{senderName}}\n{{siteLink}}',
      },
    },
  },
  {
    id: 'tpl_demo000promo',
    name: 'Monthly promotion',
    description: "This month's offer, written by the company.",
    use: 'partners',
    content: {
      en: {
        subject: "{{firstName}}, this month's offer is here",
        body: 'Hi {{firstName}},\n\nThis month **every smart order ships free**, and new members get 10 % off their first order.\n\nShare it from your site: {{siteLink}}\n\nQuestions? Write to me at {{senderEmail}}.\n\n{{senderName}}',
      },
      es: {
        subject: '{{firstName}}, llegó la oferta del mes',
        body: 'Hola {{firstName}}:\n\nEste mes **todos los pedidos automáticos tienen envío gratis**, y los nuevos miembros tienen 10 % de descuento en su primer pedido.\n\nCompártela desde tu sitio: {{siteLink}}\n\n¿Dudas? Escríbeme a {{senderEmail}}.\n\n{{senderName}}',
      },
    },
  },
  {
    id: 'tpl_demo00rankup',
    name: 'Keep climbing',
    description: "Encouragement for the team, with each reader's rank.",
    use: 'partners',
    content: {
      en: {
        subject: 'Your next rank, {{firstName}}',
        body: "Hi {{firstName}},\n\nYou are a **{{rank}}** today. Check your rank progress in your back office: it shows exactly what is left for the next one.\n\nI'm here to help: {{senderPhone}}\n\n{{senderName}}",
      },
      es: {
        subject: 'Tu siguiente rango, {{firstName}}',
        body: 'Hola {{firstName}}:\n\nHoy eres **{{rank}}**. Revisa tu avance de rango en tu oficina virtual: muestra exactamente lo que falta para el siguiente.\n\nEstoy para ayudarte: {{senderPhone}}\n\n{{senderName}}',
      },
    },
  },
];

export const DEMO_POSTAL_ADDRESS = 'Arbor Demo Wellness, 500 Congress Ave, Suite 200, Austin, TX 78701, USA';
