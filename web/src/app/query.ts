import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // a 4xx will not change by asking again; an absent API is retried on demand, not in a loop
      retry: (count, error) => !(error instanceof ApiError && (error.status >= 400 || error.status === 0)) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
