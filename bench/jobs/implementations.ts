import { extension } from './extension';
import { floor } from './floor';
import type { Implementation, ImplementationId } from './job';
import { pythonGenAi, pythonRequests } from './python';
import { genAiSdk, openAiSdk } from './sdks';

/** Every implementation, in the order the tables show them; the floor first, as the others are read against it. */
export const IMPLEMENTATIONS: readonly Implementation[] = [floor, extension, openAiSdk, genAiSdk, pythonRequests, pythonGenAi];

export function implementationById(id: string): Implementation {
  const found = IMPLEMENTATIONS.find((implementation) => implementation.id === id);
  if (!found) {
    throw new Error(`no implementation ${id}; one of ${IMPLEMENTATIONS.map((i) => i.id).join(', ')}`);
  }
  return found;
}

export type { ImplementationId };
