// The bank's employees: names, UPNs, object ids, home connections and devices.
import type { Rng } from './prng';
import { DOMAIN, OFFICE, VICTIM } from './scenario';

export interface Device {
  userAgent: string;
  browser: string;
  os: string;
}

export interface Employee {
  name: string;
  upn: string;
  objectId: string;
  officeIp: string;
  homeIp: string;
  homeLocation: string;
  homeAsn: number;
  device: Device;
  deviceId: string;
}

const NAMES = [
  'Miriam Graham', 'Grace Coleman', 'Isabella Howard', 'Nathan Brooks', 'Evelyn Jenkins',
  'Amelia Howard', 'Logan Foster', 'Owen Howard', 'Aiden Foster', 'Harper Long',
  'Evelyn Reed', 'Emily Jenkins', 'James Rivera', 'Ava Gray', 'Liam Patel',
  'Sophia Turner', 'Noah Bennett', 'Olivia Hughes', 'Ethan Price', 'Mia Sanders',
  'Lucas Ward', 'Charlotte Kim', 'Mason Perry', 'Abigail Ross', 'Elijah Murphy',
  'Ella Cooper', 'Henry Bailey', 'Scarlett Rogers', 'Jack Morgan', 'Chloe Bell',
  'Daniel Ortiz', 'Lily Watson', 'Samuel Brooks', 'Zoe Ramirez', 'David Chen',
  'Hannah Flores', 'Joseph Ward', 'Layla Simmons', 'Carter Diaz', 'Nora Webb',
] as const;

const DEVICES: readonly Device[] = [
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36 Edg/118.0.2088.61',
    browser: 'Edge 118.0.2088',
    os: 'Windows10',
  },
  {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36',
    browser: 'Chrome 118.0.0',
    os: 'Windows10',
  },
  {
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
    browser: 'Safari 17.0',
    os: 'MacOs',
  },
];

const HOME_ISPS = [
  { location: 'Seattle, Washington, US', asn: 7922 },
  { location: 'Bellevue, Washington, US', asn: 20115 },
  { location: 'Redmond, Washington, US', asn: 7018 },
] as const;

function upnFor(name: string): string {
  const [first = '', last = ''] = name.toLowerCase().split(' ');
  return `${first}${last.charAt(0)}@${DOMAIN}`;
}

export function buildRoster(rng: Rng): Employee[] {
  const seen = new Set<string>();
  return NAMES.map((name, index) => {
    const upn = upnFor(name);
    if (seen.has(upn)) throw new Error(`duplicate demo UPN ${upn}`);
    seen.add(upn);
    const isp = rng.pick(HOME_ISPS);
    return {
      name,
      upn,
      objectId: name === VICTIM.name ? VICTIM.objectId : rng.uuid(),
      officeIp: OFFICE.ips[index % OFFICE.ips.length] ?? OFFICE.ips[0],
      homeIp: `192.0.2.${10 + index * 5}`,
      homeLocation: isp.location,
      homeAsn: isp.asn,
      device: rng.pick(DEVICES),
      deviceId: rng.uuid(),
    };
  });
}

export function findEmployee(roster: readonly Employee[], upnPrefix: string): Employee {
  const found = roster.find((e) => e.upn === `${upnPrefix}@${DOMAIN}`);
  if (!found) throw new Error(`demo roster lacks ${upnPrefix}`);
  return found;
}
