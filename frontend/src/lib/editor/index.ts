export { fountain, lineKinds } from './fountain-language';
export { screenplayTheme } from './screenplay-theme';
export { ELEMENTS, isCapsElement, shapeLine, elementAt, type Element, type LineContext } from './elements';
export { elementFlow, currentElement, chosenElement, setElement, flowEnter, flowTab, flowShiftTab } from './element-flow';
export { scriptAutocomplete, scriptCompletions, completionSpot, type Spot, type SpotKind } from './autocomplete';
export { indexScript, scriptIndex, type ScriptIndex, type NameCount } from './script-index';
