import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { HashRouter } from 'react-router-dom';
import { Shell } from './components/Shell';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

const colorSchemeManager = localStorageColorSchemeManager({ key: 'qme-color-scheme' });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
        <Notifications position="bottom-right" />
        {/* Hash routing works identically from file:// (Electron) and http:// (serve). */}
        <HashRouter>
          <Shell />
        </HashRouter>
      </MantineProvider>
    </QueryClientProvider>
  );
}
