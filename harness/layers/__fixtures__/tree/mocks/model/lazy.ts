// A dynamic import of a layer the model may not take.
export const load = () => import('../link');
