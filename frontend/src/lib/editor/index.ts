export { fountain, lineKinds, sceneList } from './fountain-language';
export { screenplayTheme } from './screenplay-theme';
export { ELEMENTS, isCapsElement, shapeLine, elementAt, type Element, type LineContext } from './elements';
export { elementFlow, setElement, flowEnter, flowTab, flowShiftTab } from './element-flow';
export { currentElement, chosenElement } from './current-element';
export { elementLine } from './element-line';
export { scriptAutocomplete, scriptCompletions, completionSpot, type Spot, type SpotKind } from './autocomplete';
export { indexScript, scriptIndex, type ScriptIndex, type NameCount } from './script-index';
export {
  findReplace, findKeymap, openFind, openReplace, closeFind, findQuery, findOptions, patternError, findMatches, findCount,
  matchIndex, matchFrom, replacementFor, replaceAllMatches, replaceOneMatch, selectMatchSpec, selectionScope,
  findScope, setFindScope, replaceShown, setReplaceShown, FIND_FIELD, MAX_MATCHES, NO_FIND,
  type FindOptions, type FindCount, type Match, type Span, type Replacement,
} from './find';
export {
  pages,
  pagesField,
  pagesOf,
  pageAt,
  scenesByLine,
  setPages,
  pagesIn,
  positionIn,
  type PagesAt,
  showSceneNumbers,
  parseGoTo,
  goToPosition,
  type Pages,
  type PageMark,
  type SceneMark,
  type GoTo,
} from './pages';
export { PageFeed, type SavedPages } from './page-feed';
export { renderedMarkup, scriptStart, type MarkupOptions } from './markup';
export { rawMarkup, setRawMarkup, toggleRawMarkup, isRaw } from './markup-toggle';
export { emphasis, type EmphasisRun, type LineEmphasis } from './emphasis';
export { titlePageOf, type TitlePage, type TitleField } from './title-page';
export { dualPairs } from './markup-blocks';
export { writingExtensions, previewExtensions, type WritingSetup } from './setup';
export { changeBetween, type TextChange } from './text-change';
export { textSum, changeList, textChanges, type TextChanges, type TextSum } from './changes';
export { outline, blocks, moveBlock, setSynopsis, applyChanges, type OutlineItem, type SceneCard, type SectionHeader } from './outline';
export { EditorFeed, moveScene, setItemSynopsis, outlineOf, type OutlineSnapshot } from './outline-commands';
