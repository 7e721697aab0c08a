/** Result types of the app/* and settings/* calls. Shared by main and renderer (types only). */

export type ColorScheme = 'light' | 'dark' | 'auto';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  /** Where the catalog and settings live. */
  readonly userDataDir: string;
  /** 'electron' inside the desktop app, 'serve' behind `npm run serve`, 'test' in unit tests. */
  readonly host: 'electron' | 'serve' | 'test';
}

export interface Settings {
  readonly colorScheme: ColorScheme;
}
