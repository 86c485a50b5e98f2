import type { Area } from './area';
import type { Role } from './session/session-store';

// Every area folder registers itself by existing: adding one edits no shared file.
const modules = import.meta.glob<{ area: Area }>('./areas/*/index.tsx', { eager: true });

export const AREAS: Area[] = Object.values(modules)
  .map((module) => module.area)
  .sort((a, b) => a.order - b.order);

export const areasFor = (role: Role): Area[] => AREAS.filter((area) => area.roles.includes(role));
