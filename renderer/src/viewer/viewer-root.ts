import { createContext, type RefObject } from 'react';

/** The viewer's element: what goes fullscreen. */
export const ViewerRootContext = createContext<RefObject<HTMLDivElement | null> | null>(null);
