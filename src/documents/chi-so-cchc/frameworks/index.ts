/** The criteria frameworks shipped with the service, by id. A request names one, or declares its own. */
import type { Framework } from '../framework.js';
import { sonLa2014SoNganh } from './son-la-2014-so-nganh.js';
import { sonLa2014Huyen } from './son-la-2014-huyen.js';

export const FRAMEWORKS: readonly Framework[] = [sonLa2014SoNganh, sonLa2014Huyen];

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.id === id);
}
