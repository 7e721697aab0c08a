import '@mantine/core/styles.css';
import '@mantine/spotlight/styles.css';
import '@mantine/notifications/styles.css';
import type { MantineColorScheme } from '@mantine/core';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { call } from './api/client';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The color scheme is read before the first paint so a dark-mode user never sees a white flash.
const colorScheme: MantineColorScheme = await call('settings/get', {}).then(
  (settings) => settings.colorScheme,
  () => 'auto',
);
createRoot(root).render(<App initialColorScheme={colorScheme} />);
