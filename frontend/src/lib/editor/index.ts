export { fountain, lineKinds } from './fountain-language';
export { screenplayTheme } from './screenplay-theme';
