// What the faces may use from content: the home page's widgets.
export { AlertBanner, ComingEvents, LatestNews } from './home-widgets';
