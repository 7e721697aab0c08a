import { MantineProvider, type MantineColorScheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { HashRouter } from 'react-router-dom';
import { settingsColorSchemeManager } from './api/color-scheme-manager';
import { CatalogScopeProvider } from './catalog-scope';
import { Shell } from './components/Shell';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

export function App({ initialColorScheme }: { initialColorScheme: MantineColorScheme }) {
  const [colorSchemeManager] = useState(() => settingsColorSchemeManager(initialColorScheme));
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme={initialColorScheme} colorSchemeManager={colorSchemeManager}>
        <Notifications position="bottom-right" />
        {/* Hash routing works identically from file:// (Electron) and http:// (serve). */}
        <HashRouter>
          <CatalogScopeProvider>
            <Shell />
          </CatalogScopeProvider>
        </HashRouter>
      </MantineProvider>
    </QueryClientProvider>
  );
}
