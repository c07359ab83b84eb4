import type { Currency } from '../money.js';
import type { Language } from '../members/model.js';

export interface DemoMarket {
  code: string;
  name: string;
  currency: Currency;
  language: Language;
  phonePrefix: string;
  regions: readonly { region: string; cities: readonly string[]; postalPrefix: string }[];
  firstNames: readonly string[];
  lastNames: readonly string[];
  streets: readonly string[];
}

const US_FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Ashley', 'Steven', 'Emily', 'Andrew', 'Megan', 'Joshua', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Stephanie', 'Ryan', 'Rebecca', 'Tyler', 'Heather', 'Brandon', 'Amber', 'Kayla', 'Jordan', 'Taylor', 'Morgan'];
const US_LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Reed'];
const MX_FIRST = ['José', 'María', 'Juan', 'Guadalupe', 'Luis', 'Ana', 'Carlos', 'Sofía', 'Jorge', 'Fernanda', 'Miguel', 'Valeria', 'Alejandro', 'Daniela', 'Francisco', 'Camila', 'Ricardo', 'Ximena', 'Eduardo', 'Mariana', 'Fernando', 'Andrea', 'Roberto', 'Gabriela', 'Arturo', 'Paola', 'Héctor', 'Alejandra', 'Raúl', 'Lucía', 'Sergio', 'Regina', 'Diego', 'Renata', 'Manuel', 'Isabel'];
const MX_LAST = ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Moreno', 'Castillo', 'Romero', 'Álvarez', 'Méndez', 'Chávez', 'Rivera', 'Juárez', 'Ramos', 'Domínguez', 'Herrera', 'Medina', 'Castro'];

export const DEMO_MARKETS: readonly DemoMarket[] = [
  {
    code: 'US',
    name: 'United States',
    currency: 'USD',
    language: 'en',
    phonePrefix: '+1 555-01',
    regions: [
      { region: 'TX', cities: ['Austin', 'Dallas', 'Houston', 'San Antonio'], postalPrefix: '78' },
      { region: 'FL', cities: ['Miami', 'Orlando', 'Tampa'], postalPrefix: '33' },
      { region: 'CA', cities: ['Los Angeles', 'San Diego', 'Sacramento'], postalPrefix: '90' },
      { region: 'UT', cities: ['Provo', 'Salt Lake City', 'Orem'], postalPrefix: '84' },
      { region: 'AZ', cities: ['Phoenix', 'Tucson', 'Mesa'], postalPrefix: '85' },
      { region: 'GA', cities: ['Atlanta', 'Savannah'], postalPrefix: '30' },
      { region: 'NY', cities: ['New York', 'Buffalo', 'Albany'], postalPrefix: '10' },
    ],
    firstNames: US_FIRST,
    lastNames: US_LAST,
    streets: ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine St', 'Elm St', 'Washington Ave', 'Lake Rd', 'Hillcrest Dr', 'Sunset Blvd'],
  },
  {
    code: 'MX',
    name: 'México',
    currency: 'MXN',
    language: 'es',
    phonePrefix: '+52 55 5000 ',
    regions: [
      { region: 'CDMX', cities: ['Ciudad de México'], postalPrefix: '06' },
      { region: 'JAL', cities: ['Guadalajara', 'Zapopan'], postalPrefix: '44' },
      { region: 'NL', cities: ['Monterrey', 'San Pedro Garza García'], postalPrefix: '64' },
      { region: 'PUE', cities: ['Puebla'], postalPrefix: '72' },
      { region: 'YUC', cities: ['Mérida'], postalPrefix: '97' },
    ],
    firstNames: MX_FIRST,
    lastNames: MX_LAST,
    streets: ['Av. Reforma', 'Calle Juárez', 'Av. Insurgentes', 'Calle Hidalgo', 'Av. Universidad', 'Calle Morelos', 'Av. Revolución'],
  },
  {
    code: 'CA',
    name: 'Canada',
    currency: 'CAD',
    language: 'en',
    phonePrefix: '+1 555-02',
    regions: [
      { region: 'ON', cities: ['Toronto', 'Ottawa', 'Hamilton'], postalPrefix: 'M5' },
      { region: 'BC', cities: ['Vancouver', 'Victoria'], postalPrefix: 'V6' },
      { region: 'AB', cities: ['Calgary', 'Edmonton'], postalPrefix: 'T2' },
    ],
    firstNames: US_FIRST,
    lastNames: US_LAST,
    streets: ['King St', 'Queen St', 'Yonge St', 'Bay St', 'Granville St', 'Jasper Ave'],
  },
];
