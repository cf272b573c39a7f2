// Entry point: mounts the app with its query client. (No JSX here, hence .ts.)
// First, so the graph layout worker starts before the rest of the app is evaluated.
import './graph/warm-at-boot.ts';
import { StrictMode, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.tsx';
import './ui/styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5 * 60_000, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(createElement(StrictMode, null, createElement(QueryClientProvider, { client: queryClient }, createElement(App))));
}
