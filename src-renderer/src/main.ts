// Renderer entry: pick the transport, install Pinia, mount the app.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { initApi } from './api/client';
import './assets/app.css';

initApi();
createApp(App).use(createPinia()).mount('#app');
