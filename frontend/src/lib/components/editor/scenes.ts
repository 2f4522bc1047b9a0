import type { Scene } from '../../fountain/classify';

/** The index of the scene that holds 0-based `line`, or -1 before the first scene. */
export function sceneAt(scenes: readonly Scene[], line: number): number {
  let cur = -1;
  for (let i = 0; i < scenes.length && scenes[i].line <= line; i++) cur = i;
  return cur;
}
